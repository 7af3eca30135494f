package dev.posplan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two commands of {@code bin/posplan-spark}, end to end on the local session. */
class PosplanSparkTest {

    @Test
    void sampleThenAuditWritesTheSummaryAndTheFlaggedRows(@TempDir Path dir) throws Exception {
        String corpus = dir.resolve("corpus").toString();
        String audit = dir.resolve("audit").toString();
        assertEquals(0, PosplanSpark.run(new String[] {"sample", "--model", "qwen2-vl", "--rows", "120", "--output",
            corpus, "--seed", "3"}, LocalSpark.get()));
        assertEquals(0, PosplanSpark.run(new String[] {"audit", "--model", "qwen2-vl", "--input", corpus, "--output",
            audit, "--compare", "hf-4.51,hf-main"}, LocalSpark.get()));
        JsonNode summary = new ObjectMapper().readTree(Files.readString(Path.of(audit, "summary.json")));
        assertEquals(120, summary.get("rows").asLong());
        assertEquals("hf-4.51", summary.get("compat").asText());
        assertEquals(32768, summary.get("max_position_embeddings").asInt());
        long flagged = summary.get("invalid_rows").asLong() + summary.get("over_max_position").asLong()
                + summary.get("compat_disagreements").asLong();
        long written = LocalSpark.get().read().parquet(audit + "/flagged").count();
        assertEquals(flagged, written);
        Row first = LocalSpark.get().read().parquet(corpus).orderBy("id").first();
        assertEquals(0L, first.<Long>getAs("id"));
    }

    @Test
    void usageErrorsExitWithTwoBeforeAnyJob() {
        assertEquals(2, PosplanSpark.run(new String[] {"audit", "--model", "qwen9-vl", "--input", "x", "--output", "y"},
                LocalSpark.get()));
        assertEquals(2, PosplanSpark.run(new String[] {"sample", "--model", "qwen2-vl", "--rows", "many"}, LocalSpark.get()));
        assertEquals(2, PosplanSpark.run(new String[] {"audit", "--model", "qwen2-vl", "--input", "x", "--output", "y",
            "--compare", "vllm"}, LocalSpark.get()));
        assertEquals(2, PosplanSpark.run(new String[] {}, LocalSpark.get()));
        assertTrue(PosplanLibrary.models().contains("qwen3-vl"));
    }
}
