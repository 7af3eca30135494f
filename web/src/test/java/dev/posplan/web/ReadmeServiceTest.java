package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Runs every command of the README's Service section, as written, with bash and curl against the running
 * application: each curl must be answered 200, each file it writes must be there, the numpy client must succeed,
 * and every value the README prints after a command ({@code "length":263}, {@code "rope_deltas":[-240]}) must be
 * in that command's answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeServiceTest extends HttpSupport {

    /** A scalar or an array of integers the README shows: {@code "key":value}. */
    private static final Pattern SHOWN = Pattern.compile("\"[a-z_]+\":(-?[0-9.]+|\"[^\"]*\"|true|false|\\[[-0-9,\\[\\]]*\\])");
    private static final Pattern OUTPUT_FILE = Pattern.compile(" -o (\\S+)");

    /**
     * Wraps curl: every call's status and body are kept in numbered files, and anything but 200 fails the script.
     */
    private static final String PRELUDE = """
            set -euo pipefail
            n=0
            curl() {
              local out
              out=$(command curl -sS -w '\\n%{http_code}' "$@")
              n=$((n + 1))
              printf '%s' "${out%$'\\n'*}" > "curl-$n.body"
              printf '%s' "${out##*$'\\n'}" > "curl-$n.status"
              [[ ${out##*$'\\n'} == 200 ]] || { echo "curl $n answered ${out##*$'\\n'}: ${out%$'\\n'*}" >&2; return 1; }
            }
            """;

    /** One command of a block and the output the README shows after it (comment lines, joined). */
    record Command(String text, String shown) {
    }

    static Path repositoryFile(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(name)) && Files.isDirectory(d.resolve("web"))) {
                return d.resolve(name);
            }
        }
        throw new IllegalStateException(name + " not found above " + Path.of("").toAbsolutePath());
    }

    /** The ```bash blocks of the README's Service section. */
    static List<String> serviceBlocks() throws Exception {
        String readme = Files.readString(repositoryFile("README.md"));
        int start = readme.indexOf("\n## Service\n");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end);
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** The commands of a block: a line that is not a comment, continued while a single quote is open. */
    static List<Command> commands(String block) {
        List<Command> out = new ArrayList<>();
        String[] lines = block.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank() || lines[i].startsWith("#")) {
                continue;
            }
            StringBuilder text = new StringBuilder(lines[i]);
            while (text.chars().filter(c -> c == '\'').count() % 2 == 1 && i + 1 < lines.length) {
                text.append('\n').append(lines[++i]);
            }
            StringBuilder shown = new StringBuilder();
            while (i + 1 < lines.length && lines[i + 1].startsWith("#")) {
                shown.append(lines[++i].replaceFirst("^#\\s*", ""));
            }
            out.add(new Command(text.toString(), shown.toString()));
        }
        return out;
    }

    private static boolean available(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void theServiceSectionShowsCurlForEveryKindOfRowAndTheNumpyClient() throws Exception {
        String all = String.join("\n", serviceBlocks());
        for (String shown : new String[] {"\"parts\"", "\"input_ids\"", "\"messages\"", "format=safetensors",
                "application/x-npy", "posplan_client.py", "/v1/compare"}) {
            assertTrue(all.contains(shown), "the Service section shows " + shown);
        }
    }

    @Test
    void everyCommandOfTheServiceSectionWorksAgainstTheApplication(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(available("curl", "--version"), "curl is not installed (.ci/run installs it)");
        Assumptions.assumeTrue(available("python3", "-c", "import numpy"),
                "python3 with numpy is not available (.ci/run installs python3-numpy)");
        Assumptions.assumeTrue(System.getenv("POSPLAN_QWEN_TOKENIZER") != null
                && !System.getenv("POSPLAN_QWEN_TOKENIZER").isBlank(), "POSPLAN_QWEN_TOKENIZER is not set (.ci/run sets it)");
        Files.createSymbolicLink(dir.resolve("examples"), repositoryFile("README.md").getParent().resolve("examples"));
        String here = "127.0.0.1:" + env.getProperty("local.server.port");
        List<String> blocks = serviceBlocks();
        assertFalse(blocks.isEmpty());
        int call = 0;
        for (String block : blocks) {
            Files.writeString(dir.resolve("block.sh"), PRELUDE + block.replace("localhost:8080", here));
            Process p = new ProcessBuilder("bash", "block.sh").directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out:\n" + block);
            assertEquals(0, p.exitValue(), block + "\n->\n" + output);
            int inBlock = 0;
            for (Command c : commands(block)) {
                if (!c.text().startsWith("curl ")) {
                    continue;
                }
                inBlock++;
                String body = Files.readString(dir.resolve("curl-" + inBlock + ".body"));
                assertEquals("200", Files.readString(dir.resolve("curl-" + inBlock + ".status")), c.text());
                Matcher file = OUTPUT_FILE.matcher(c.text());
                if (file.find()) {
                    assertTrue(Files.size(dir.resolve(file.group(1))) > 0, "wrote " + file.group(1));
                }
                Matcher shown = SHOWN.matcher(c.shown());
                while (shown.find()) {
                    assertTrue(body.contains(shown.group()), "the README shows " + shown.group() + " after\n"
                            + c.text() + "\nbut the answer is\n" + body);
                }
                call++;
            }
            assertFalse(Files.exists(dir.resolve("curl-" + (inBlock + 1) + ".status")), "every curl is a command");
            for (int k = 1; k <= inBlock; k++) {
                Files.delete(dir.resolve("curl-" + k + ".status"));
                Files.delete(dir.resolve("curl-" + k + ".body"));
            }
        }
        assertTrue(call >= 6, "curl commands run: " + call);
    }
}
