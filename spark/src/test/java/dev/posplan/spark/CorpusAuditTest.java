package dev.posplan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit of a generated corpus, checked row by row against planning each row directly with the library. */
class CorpusAuditTest {

    private static final String MODEL = "qwen2.5-vl";
    private static final String A = "hf-4.57";
    private static final String B = "vllm";

    @Test
    void summaryAndFlaggedRowsEqualTheLibrarysVerdictPerRow(@TempDir Path dir) throws Exception {
        SparkSession spark = LocalSpark.get();
        String corpusDir = dir.resolve("corpus").toString();
        SampleCorpus.of(MODEL, 11).rows(spark, 400, 2).write().mode(SaveMode.Overwrite).parquet(corpusDir);
        String out = dir.resolve("audit").toString();
        CorpusAudit.comparing(MODEL, A, B).run(spark.read().parquet(corpusDir), out);

        PosplanLibrary a = PosplanLibrary.of(MODEL, A);
        PosplanLibrary b = PosplanLibrary.of(MODEL, B);
        Set<String> expectedFlags = new HashSet<>();
        long invalid = 0;
        long mismatches = 0;
        long over = 0;
        long disagreements = 0;
        List<int[]> counts = new ArrayList<>(); // text, image, video, total per row
        for (Row row : spark.read().parquet(corpusDir).collectAsList()) {
            long id = row.getAs("id");
            int[] ids = Rows.ints(row, "input_ids");
            int[] mask = Rows.ints(row, "attention_mask");
            int[][] images = Rows.intRows(row, "image_grid_thw");
            int[][] videos = Rows.intRows(row, "video_grid_thw");
            double[] seconds = Rows.doubles(row, "second_per_grid_ts");
            counts.add(counts(ids, mask, a));
            PosplanLibrary.Positions pa = planOrNull(a, ids, mask, images, videos, seconds);
            PosplanLibrary.Positions pb = planOrNull(b, ids, mask, images, videos, seconds);
            if (pa == null) {
                invalid++;
                String message = rejection(a, ids, mask, images, videos, seconds);
                boolean mismatch = message.contains("pad tokens");
                mismatches += mismatch ? 1 : 0;
                expectedFlags.add(id + " " + (mismatch ? RowPlan.GRID_MISMATCH : RowPlan.INVALID));
            } else if (pa.maxPosition() >= a.maxPositionEmbeddings()) {
                over++;
                expectedFlags.add(id + " " + CorpusAudit.OVER_MAX_POSITION);
            }
            if ((pa == null) != (pb == null) || pa != null && !sameOnAttendedTokens(pa, pb, mask)) {
                disagreements++;
                expectedFlags.add(id + " " + CorpusAudit.COMPAT_DISAGREEMENT);
            }
        }

        JsonNode summary = new ObjectMapper().readTree(Files.readString(Path.of(out, CorpusAudit.SUMMARY)));
        assertEquals(400, summary.get("rows").asLong());
        assertEquals(invalid, summary.get("invalid_rows").asLong());
        assertEquals(400 - invalid, summary.get("planned_rows").asLong());
        assertEquals(mismatches, summary.get("grid_mismatches").asLong());
        assertEquals(over, summary.get("over_max_position").asLong());
        assertEquals(disagreements, summary.get("compat_disagreements").asLong());
        assertEquals(0, summary.get("internal_errors").asLong());
        assertTrue(mismatches > 0 && invalid > mismatches && disagreements > 0, summary.toString());
        String[] measures = {"text_tokens", "image_tokens", "video_tokens", "total_tokens"};
        for (int m = 0; m < measures.length; m++) {
            JsonNode p = summary.get("percentiles").get(measures[m]);
            int column = m;
            int[] sorted = counts.stream().mapToInt(c -> c[column]).sorted().toArray();
            for (double q : AuditSummary.PERCENTILES) {
                int rank = (int) Math.ceil(q * sorted.length);
                assertEquals(sorted[rank - 1], p.get("p" + Math.round(q * 100)).asInt(), measures[m] + " p" + q);
            }
            assertEquals(sorted[sorted.length - 1], p.get("max").asInt(), measures[m] + " max");
        }

        Set<String> flags = new HashSet<>();
        for (Row r : spark.read().parquet(out + "/" + CorpusAudit.FLAGGED).collectAsList()) {
            flags.add(r.getAs("id") + " " + r.getAs(CorpusAudit.REASON));
        }
        assertEquals(new java.util.TreeSet<>(expectedFlags), new java.util.TreeSet<>(flags));
    }

    private static PosplanLibrary.Positions planOrNull(PosplanLibrary lib, int[] ids, int[] mask, int[][] images,
            int[][] videos, double[] seconds) {
        try {
            return lib.plan(ids, mask, images, videos, seconds);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String rejection(PosplanLibrary lib, int[] ids, int[] mask, int[][] images, int[][] videos,
            double[] seconds) {
        try {
            lib.plan(ids, mask, images, videos, seconds);
            throw new AssertionError("expected a rejection");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static boolean sameOnAttendedTokens(PosplanLibrary.Positions x, PosplanLibrary.Positions y, int[] mask) {
        for (int axis = 0; axis < x.axes(); axis++) {
            for (int i = 0; i < x.length(); i++) {
                if (mask[i] == 1 && x.values()[axis * x.length() + i] != y.values()[axis * y.length() + i]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Text, image, video and all unmasked tokens, counted from the ids (mask values other than 0 count). */
    private static int[] counts(int[] ids, int[] mask, PosplanLibrary lib) {
        int[] c = new int[4];
        for (int i = 0; i < ids.length; i++) {
            if (mask[i] != 0) {
                c[ids[i] == lib.imagePad() ? 1 : ids[i] == lib.videoPad() ? 2 : 0]++;
                c[3]++;
            }
        }
        return c;
    }

    @Test
    void badRowsAreReportedNeverFatal(@TempDir Path dir) throws Exception {
        SparkSession spark = LocalSpark.get();
        // int64 columns as pyarrow writes them, no id column, and rows that no reference would accept.
        String json = String.join("\n",
                "{\"input_ids\": [1, 151652, 151655, 151655, 151655, 151655, 151653, 2], \"image_grid_thw\": [[1, 4, 4]]}",
                "{\"input_ids\": [1, 2, 3], \"attention_mask\": [1, 1]}",
                "{\"input_ids\": [1, 2, 3, 4294967296]}",
                "{\"input_ids\": [1, 151652, 151655, 151653], \"image_grid_thw\": [[1, 2]]}",
                "{\"input_ids\": [1, null, 3]}",
                "{\"attention_mask\": [1]}",
                "{\"input_ids\": [1, 151652, 151655, 151655, 151653], \"image_grid_thw\": [[1, 2, 2]]}");
        Path file = dir.resolve("rows.json");
        Files.writeString(file, json);
        String out = dir.resolve("audit").toString();
        AuditSummary summary = CorpusAudit.of("qwen2-vl", "hf-4.57").run(spark.read().json(file.toString()), out);
        assertEquals(7L, summary.rows());
        assertEquals(1L, summary.get("planned_rows"));
        assertEquals(6L, summary.get("invalid_rows"));
        assertEquals(1L, summary.get("grid_mismatches"), "the last row: 2 pads for a 1x2x2 grid (one token)");
        List<String> details = new ArrayList<>();
        for (Row r : spark.read().parquet(out + "/" + CorpusAudit.FLAGGED).collectAsList()) {
            details.add(r.getAs(CorpusAudit.REASON) + ": " + r.getAs(CorpusAudit.DETAIL));
        }
        String all = String.join("\n", details);
        for (String expected : List.of("attention_mask", "outside int32", "image_grid_thw[0]", "input_ids[1] is null",
                "input_ids is missing")) {
            assertTrue(all.contains(expected), "a detail names " + expected + ":\n" + all);
        }
        assertEquals(6, details.size(), all);
        assertTrue(Arrays.stream(all.split("\n")).filter(d -> d.startsWith(RowPlan.GRID_MISMATCH)).count() == 1, all);
    }
}
