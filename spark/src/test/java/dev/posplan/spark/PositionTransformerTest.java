package dev.posplan.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PositionTransformerTest {

    /**
     * Every row of a generated corpus, planned by the transformer in Spark, equals planning the same row
     * directly with the library: positions, rope delta, max position, or the same rejection.
     */
    @ParameterizedTest
    @CsvSource({"qwen2-vl, hf-4.51", "qwen2.5-vl, hf-4.57", "qwen2.5-vl, vllm", "qwen3-vl, hf-main",
            "qwen3-vl, vllm"})
    void everyRowEqualsTheLibrarysPlan(String model, String compat) {
        Dataset<Row> corpus = SampleCorpus.of(model, 7).rows(LocalSpark.get(), 200, 2);
        List<Row> out = PositionTransformer.of(model, compat).transform(corpus).collectAsList();
        assertEquals(200, out.size());
        PosplanLibrary library = PosplanLibrary.of(model, compat);
        Map<String, Integer> problems = new TreeMap<>();
        int planned = 0;
        for (Row row : out) {
            int[] ids = Rows.ints(row, "input_ids");
            int[] mask = Rows.ints(row, "attention_mask");
            int[][] images = Rows.intRows(row, "image_grid_thw");
            int[][] videos = Rows.intRows(row, "video_grid_thw");
            double[] seconds = Rows.doubles(row, "second_per_grid_ts");
            String where = "row " + row.getAs("id") + " (" + row.getAs("kind") + ")";
            PosplanLibrary.Positions expected;
            try {
                expected = library.plan(ids, mask, images, videos, seconds);
            } catch (IllegalArgumentException e) {
                assertNull(row.getAs("position_ids"), where);
                assertNotNull(row.getAs("problem_kind"), where);
                problems.merge(row.<String>getAs("problem_kind"), 1, Integer::sum);
                continue;
            }
            planned++;
            assertNull(row.getAs("problem"), where);
            int[][] positions = Rows.intRows(row, "position_ids");
            assertEquals(expected.axes(), positions.length, where);
            for (int a = 0; a < positions.length; a++) {
                assertArrayEquals(java.util.Arrays.copyOfRange(expected.values(), a * ids.length, (a + 1) * ids.length),
                        positions[a], where + " axis " + a);
            }
            assertEquals(expected.ropeDelta(), row.<Long>getAs("rope_delta"), where);
            assertEquals(expected.maxPosition(), row.<Integer>getAs("max_position"), where);
            assertEquals(ids.length, counted(row) + masked(mask), where);
        }
        assertTrue(planned > 160, "most rows plan: " + planned + ", problems " + problems);
        assertTrue(problems.getOrDefault(RowPlan.GRID_MISMATCH, 0) > 0, "the corpus has grid mismatches: " + problems);
    }

    private static int counted(Row row) {
        return row.<Integer>getAs("text_tokens") + row.<Integer>getAs("image_tokens")
                + row.<Integer>getAs("video_tokens");
    }

    private static int masked(int[] mask) {
        int n = 0;
        for (int m : mask) {
            n += m == 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * pyarrow writes int64 ids and grids; the transformer reads any integer width, keeps every other column as
     * it was, and plans the same positions as from int32 columns.
     */
    @Test
    void int64ColumnsPlanAsInt32AndOtherColumnsPassThrough() {
        SparkSession spark = LocalSpark.get();
        Dataset<Row> int32 = SampleCorpus.of("qwen2.5-vl", 5).rows(spark, 60, 1).withColumn("note", lit("kept"));
        Dataset<Row> int64 = int32
                .withColumn("input_ids", col("input_ids").cast("array<bigint>"))
                .withColumn("image_grid_thw", col("image_grid_thw").cast("array<array<bigint>>"))
                .withColumn("second_per_grid_ts", col("second_per_grid_ts").cast("array<float>").cast("array<double>"));
        PositionTransformer t = PositionTransformer.of("qwen2.5-vl", "vllm");
        List<Row> a = t.transform(int32).orderBy("id").collectAsList();
        List<Row> b = t.transform(int64).orderBy("id").collectAsList();
        assertEquals(60, b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals("kept", b.get(i).getAs("note"));
            assertEquals(a.get(i).<Object>getAs("position_ids"), b.get(i).<Object>getAs("position_ids"), "row " + i);
            assertEquals(a.get(i).<Object>getAs("rope_delta"), b.get(i).<Object>getAs("rope_delta"), "row " + i);
            assertEquals(a.get(i).<Object>getAs("problem"), b.get(i).<Object>getAs("problem"), "row " + i);
        }
    }
}
