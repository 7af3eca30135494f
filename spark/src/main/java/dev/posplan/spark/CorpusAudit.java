package dev.posplan.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Audits a corpus of processor rows for one model: which rows exceed the checkpoint's
 * {@code max_position_embeddings}, which have placeholder counts that disagree with their grids, which the
 * reference would reject for another reason, and, with two compats, where they would give different
 * positions. One pass over the corpus produces a small fact row per sample; the summary and the flagged
 * rows are computed from those facts, so the positions themselves are never stored.
 */
public final class CorpusAudit {

    static final String FLAGGED = "flagged";
    static final String SUMMARY = "summary.json";

    static final String REASON = "reason";
    static final String DETAIL = "detail";
    static final String OVER_MAX_POSITION = "over_max_position";
    static final String COMPAT_DISAGREEMENT = "compat_disagreement";
    static final String LENGTH = "length";

    private final String model;
    private final String compat;
    private final String other;

    private CorpusAudit(String model, String compat, String other) {
        PosplanLibrary.requireModel(model);
        PosplanLibrary.requireCompat(compat);
        if (other != null) {
            PosplanLibrary.requireCompat(other);
        }
        this.model = model;
        this.compat = compat;
        this.other = other;
    }

    /** Audits under one compat. */
    public static CorpusAudit of(String model, String compat) {
        return new CorpusAudit(model, compat, null);
    }

    /** Audits under {@code compat} and also compares every row with {@code other}. */
    public static CorpusAudit comparing(String model, String compat, String other) {
        return new CorpusAudit(model, compat, other);
    }

    /**
     * The per-row facts: the input's {@code id} (or a generated one), {@code length}, token counts,
     * {@code max_position}, {@code rope_delta}, {@code problem_kind}, {@code problem}, {@code over_max_position},
     * {@code compat_disagreement} and the grids.
     */
    public Dataset<Row> facts(Dataset<Row> corpus) {
        Dataset<Row> in = hasColumn(corpus.schema(), "id") ? corpus
                : corpus.withColumn("id", org.apache.spark.sql.functions.monotonically_increasing_id());
        StructType schema = in.schema();
        ProcessorColumns columns = ProcessorColumns.of(schema);
        int id = schema.fieldIndex("id");
        int[] grids = {index(schema, ProcessorColumns.IMAGE_GRID_THW), index(schema, ProcessorColumns.VIDEO_GRID_THW)};
        StructType out = new StructType()
                .add(schema.fields()[id])
                .add(LENGTH, DataTypes.IntegerType, true)
                .add(PositionTransformer.TEXT_TOKENS, DataTypes.IntegerType, false)
                .add(PositionTransformer.IMAGE_TOKENS, DataTypes.IntegerType, false)
                .add(PositionTransformer.VIDEO_TOKENS, DataTypes.IntegerType, false)
                .add(PositionTransformer.MAX_POSITION, DataTypes.IntegerType, true)
                .add(PositionTransformer.ROPE_DELTA, DataTypes.LongType, true)
                .add(PositionTransformer.PROBLEM_KIND, DataTypes.StringType, true)
                .add(PositionTransformer.PROBLEM, DataTypes.StringType, true)
                .add(OVER_MAX_POSITION, DataTypes.BooleanType, false)
                .add(COMPAT_DISAGREEMENT, DataTypes.StringType, true)
                .add(ProcessorColumns.IMAGE_GRID_THW, gridType(schema, grids[0]), true)
                .add(ProcessorColumns.VIDEO_GRID_THW, gridType(schema, grids[1]), true);
        return CatalystRows.mapPartitions(in, out, new Facts(model, compat, other, columns, id,
                schema.fields()[id].dataType(), grids));
    }

    /** Runs the audit and writes {@code summary.json} and the flagged rows (Parquet) under {@code output}. */
    public AuditSummary run(Dataset<Row> corpus, String output) {
        Dataset<Row> facts = facts(corpus).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            AuditSummary summary = AuditSummary.of(facts, model, compat, other,
                    PosplanLibrary.of(model, compat).maxPositionEmbeddings());
            flagged(facts).coalesce(1).write().mode(SaveMode.Overwrite).parquet(output + "/" + FLAGGED);
            summary.write(corpus.sparkSession(), output + "/" + SUMMARY);
            return summary;
        } finally {
            facts.unpersist();
        }
    }

    /** One row per (sample, reason): the sample's facts with {@code reason} and {@code detail}. */
    Dataset<Row> flagged(Dataset<Row> facts) {
        int limit = PosplanLibrary.of(model, compat).maxPositionEmbeddings();
        Dataset<Row> problems = withReason(facts.where(col(PositionTransformer.PROBLEM_KIND).isNotNull()),
                col(PositionTransformer.PROBLEM_KIND), col(PositionTransformer.PROBLEM));
        Dataset<Row> over = withReason(facts.where(col(OVER_MAX_POSITION)), lit(OVER_MAX_POSITION),
                concat(lit("max_position "), col(PositionTransformer.MAX_POSITION).cast("string"),
                        lit(" >= max_position_embeddings " + limit)));
        Dataset<Row> disagreements = withReason(facts.where(col(COMPAT_DISAGREEMENT).isNotNull()),
                lit(COMPAT_DISAGREEMENT), col(COMPAT_DISAGREEMENT));
        return problems.unionByName(over).unionByName(disagreements);
    }

    private static Dataset<Row> withReason(Dataset<Row> facts, Column reason, Column detail) {
        List<Column> columns = new ArrayList<>();
        columns.add(col("id"));
        columns.add(reason.as(REASON));
        columns.add(detail.as(DETAIL));
        for (String c : List.of(LENGTH, PositionTransformer.TEXT_TOKENS, PositionTransformer.IMAGE_TOKENS,
                PositionTransformer.VIDEO_TOKENS, PositionTransformer.MAX_POSITION, PositionTransformer.ROPE_DELTA,
                ProcessorColumns.IMAGE_GRID_THW, ProcessorColumns.VIDEO_GRID_THW)) {
            columns.add(col(c));
        }
        return facts.select(columns.toArray(Column[]::new));
    }

    private static boolean hasColumn(StructType s, String name) {
        return index(s, name) >= 0;
    }

    private static int index(StructType s, String name) {
        return java.util.Arrays.asList(s.fieldNames()).indexOf(name);
    }

    private static DataType gridType(StructType s, int index) {
        return index < 0 ? ProcessorColumns.GRIDS : s.fields()[index].dataType();
    }

    /** Plans each row under one or two compats and keeps only the facts. */
    private static final class Facts implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
        private static final long serialVersionUID = 1L;
        private final String model;
        private final String compat;
        private final String other;
        private final ProcessorColumns columns;
        private final int id;
        private final DataType idType;
        private final int[] grids;

        Facts(String model, String compat, String other, ProcessorColumns columns, int id, DataType idType,
                int[] grids) {
            this.model = model;
            this.compat = compat;
            this.other = other;
            this.columns = columns;
            this.id = id;
            this.idType = idType;
            this.grids = grids;
        }

        @Override
        public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
            RowPlanner planner = new RowPlanner(PosplanLibrary.of(model, compat));
            RowPlanner second = other == null ? null : new RowPlanner(PosplanLibrary.of(model, other));
            int limit = planner.library().maxPositionEmbeddings();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public InternalRow next() {
                    InternalRow row = rows.next();
                    RowPlan plan = columns.plan(planner, row);
                    String disagreement = null;
                    if (second != null) {
                        disagreement = CompatComparison.disagreement(compat, plan, other, columns.plan(second, row),
                                columns.mask(row));
                    }
                    PosplanLibrary.Positions p = plan.positions();
                    return new GenericInternalRow(new Object[] {
                        row.isNullAt(id) ? null : copy(row.get(id, idType)),
                        columns.length(row),
                        plan.textTokens(), plan.imageTokens(), plan.videoTokens(),
                        p == null ? null : p.maxPosition(),
                        p == null ? null : p.ropeDelta(),
                        CatalystRows.string(plan.problemKind()),
                        CatalystRows.string(plan.problem()),
                        p != null && p.maxPosition() >= limit,
                        CatalystRows.string(disagreement),
                        grid(row, 0), grid(row, 1)});
                }

                private Object grid(InternalRow row, int g) {
                    int i = grids[g];
                    return i < 0 || row.isNullAt(i) ? null : row.getArray(i).copy();
                }
            };
        }

        /** Values that point into the scan's reused buffer are copied. */
        private static Object copy(Object v) {
            if (v instanceof org.apache.spark.unsafe.types.UTF8String s) {
                return s.clone();
            }
            return v;
        }
    }
}
