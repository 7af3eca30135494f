package dev.posplan.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.posplan.multimodal.TokenStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the numpy expander printed in {@code docs/on-demand.md} (the documented code itself, cut from the
 * page) on the block form of random rows of every scheme with blocks, and checks that it reproduces the
 * dense plans. Needs {@code python3} with numpy (CI installs {@code python3-numpy}); skipped, saying so,
 * without them.
 */
class BlockExpanderNumpyTest {

    private static final Pattern PYTHON = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theDocumentedNumpyExpanderReproducesTheDensePlans(@TempDir Path dir) throws Exception {
        assumeTrue(numpyAvailable(), "python3 with numpy is not available (install python3-numpy to run this test)");
        Matcher m = PYTHON.matcher(Files.readString(doc()));
        assertTrue(m.find(), "docs/on-demand.md has no python block");
        StringBuilder cases = new StringBuilder("[");
        Random random = new Random(9);
        int n = 0;
        for (String name : List.of("mrope", "mrope-abs-time", "mrope-interleave", "mrope-i", "mhrope", "grape",
                "vrope", "vanilla")) {
            Scheme scheme = SchemeRegistry.create(name);
            for (int c = 0; c < 10; c++) {
                TokenStream row = OnDemandPropertiesTest.randomStream(name, random, true);
                PositionBlocks blocks = scheme.planBlocks(row);
                cases.append(n++ == 0 ? "" : ",").append("{\"axes\":").append(blocks.axisNames().size())
                        .append(",\"length\":").append(blocks.length()).append(",\"parts\":").append(json(blocks))
                        .append(",\"dense\":").append(json(OnDemandPropertiesTest.ints(scheme.plan(row)))).append('}');
            }
        }
        Files.writeString(dir.resolve("cases.json"), cases.append(']'));
        Files.writeString(dir.resolve("check.py"), m.group(1) + """

                import json, sys
                cases = json.load(open(sys.argv[1]))
                for i, c in enumerate(cases):
                    got = expand(c["parts"], c["axes"], c["length"])
                    want = np.asarray(c["dense"], dtype=np.int64).reshape(c["axes"], c["length"])
                    assert got.dtype == np.int64 and np.array_equal(got, want), f"case {i}"
                print(len(cases), "ok")
                """);
        Process p = new ProcessBuilder("python3", "check.py", "cases.json").directory(dir.toFile())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        assertEquals(n + " ok", out);
    }

    private static Path doc() {
        Path inModule = Path.of("..", "docs", "on-demand.md");
        return Files.exists(inModule) ? inModule : Path.of("docs", "on-demand.md");
    }

    private static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The wire form of {@code layout: blocks}: runs and blocks with per-axis tables. */
    private static String json(PositionBlocks blocks) {
        StringBuilder sb = new StringBuilder("[");
        for (PositionBlocks.Part part : blocks.parts()) {
            sb.append(sb.length() > 1 ? "," : "").append("{\"start\":").append(part.start());
            if (part instanceof PositionBlocks.Run r) {
                sb.append(",\"length\":").append(r.length()).append(",\"base\":").append(json(r.base()))
                        .append(",\"step\":").append(json(r.step()));
            } else if (part instanceof PositionBlocks.Block b) {
                sb.append(",\"grid\":[").append(b.grid().t()).append(',').append(b.grid().h()).append(',')
                        .append(b.grid().w()).append("],\"t\":").append(json(b.t())).append(",\"h\":")
                        .append(json(b.h())).append(",\"w\":").append(json(b.w()));
            }
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    private static String json(long[][] tables) {
        StringBuilder sb = new StringBuilder("[");
        for (int a = 0; a < tables.length; a++) {
            sb.append(a == 0 ? "" : ",").append(json(tables[a]));
        }
        return sb.append(']').toString();
    }

    private static String json(long[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(values[i]);
        }
        return sb.append(']').toString();
    }

    private static String json(int[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(values[i]);
        }
        return sb.append(']').toString();
    }
}
