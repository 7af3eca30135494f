package dev.posplan.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.percentile_approx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The audit's {@code summary.json}: counts of each finding and token-count percentiles per modality, computed
 * in one aggregation over the per-row facts. {@code invalid_rows} counts every row that cannot be planned
 * under the audited compat, grid mismatches and internal errors included; {@code grid_mismatches} and
 * {@code internal_errors} are the parts of it with those causes. Percentiles are Spark's
 * {@code percentile_approx} (accuracy 10,000: exact up to 10,000 rows, rank error at most 1/10,000 above) over
 * the rows whose {@code input_ids} could be read.
 */
public final class AuditSummary {

    static final double[] PERCENTILES = {0.5, 0.9, 0.99};
    private static final String[] MEASURES = {"text_tokens", "image_tokens", "video_tokens", "total_tokens",
        "max_position"};

    private final Map<String, Object> fields;

    private AuditSummary(Map<String, Object> fields) {
        this.fields = fields;
    }

    static AuditSummary of(Dataset<Row> facts, String model, String compat, String other, int maxPositionEmbeddings) {
        Column total = col(PositionTransformer.TEXT_TOKENS).plus(col(PositionTransformer.IMAGE_TOKENS))
                .plus(col(PositionTransformer.VIDEO_TOKENS));
        Column readable = col(CorpusAudit.LENGTH).isNotNull();
        List<Column> aggs = new ArrayList<>(List.of(
                count(lit(1)),
                count_if(col(PositionTransformer.PROBLEM_KIND).isNull()),
                count_if(col(PositionTransformer.PROBLEM_KIND).isNotNull()),
                count_if(col(PositionTransformer.PROBLEM_KIND).equalTo(RowPlan.GRID_MISMATCH)),
                count_if(col(PositionTransformer.PROBLEM_KIND).equalTo(RowPlan.INTERNAL_ERROR)),
                count_if(col(CorpusAudit.OVER_MAX_POSITION)),
                count_if(col(CorpusAudit.COMPAT_DISAGREEMENT).isNotNull())));
        for (String m : MEASURES) {
            Column c = m.equals("total_tokens") ? total : col(m);
            Column v = m.equals("max_position") ? c : org.apache.spark.sql.functions.when(readable, c);
            aggs.add(percentile_approx(v, lit(PERCENTILES), lit(10_000)));
            aggs.add(max(v));
        }
        Row r = facts.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("model", model);
        f.put("compat", compat);
        f.put("compare", other == null ? null : List.of(compat, other));
        f.put("max_position_embeddings", maxPositionEmbeddings);
        f.put("rows", r.getLong(0));
        f.put("planned_rows", r.getLong(1));
        f.put("invalid_rows", r.getLong(2));
        f.put("grid_mismatches", r.getLong(3));
        f.put("internal_errors", r.getLong(4));
        f.put("over_max_position", r.getLong(5));
        f.put("compat_disagreements", other == null ? null : r.getLong(6));
        Map<String, Object> percentiles = new LinkedHashMap<>();
        for (int m = 0; m < MEASURES.length; m++) {
            Map<String, Object> p = new LinkedHashMap<>();
            List<Object> values = r.isNullAt(7 + 2 * m) ? null : r.getList(7 + 2 * m);
            for (int i = 0; i < PERCENTILES.length; i++) {
                p.put("p" + Math.round(PERCENTILES[i] * 100), values == null ? null : values.get(i));
            }
            p.put("max", r.isNullAt(8 + 2 * m) ? null : r.get(8 + 2 * m));
            percentiles.put(MEASURES[m], p);
        }
        f.put("percentiles", percentiles);
        f.put("flagged_rows", CorpusAudit.FLAGGED);
        return new AuditSummary(f);
    }

    public long rows() {
        return (Long) fields.get("rows");
    }

    /** A field of the summary by its JSON name. */
    public Object get(String name) {
        return fields.get(name);
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the JSON through Hadoop's file system, so that the output may be local, HDFS or an object store. */
    void write(SparkSession spark, String file) {
        Path path = new Path(file);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(path, true)) {
                out.write(toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
