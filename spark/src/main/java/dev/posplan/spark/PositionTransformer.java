package dev.posplan.spark;

import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Adds the planned positions of every row to a DataFrame of Qwen-VL processor rows, for one model preset
 * and compat, inside the executors:
 * <ul>
 *   <li>{@code position_ids array<array<int>>}: {@code [3][L]} per row, padded slots included (only with
 *       {@link #withPositions}; the dense form, as the library has no blocks form yet);</li>
 *   <li>{@code rope_delta long}, {@code max_position int}: the compat's rope delta and maximum position;</li>
 *   <li>{@code text_tokens}, {@code image_tokens}, {@code video_tokens int}: unmasked tokens per modality;</li>
 *   <li>{@code problem_kind}, {@code problem string}: why a row could not be planned (then the position
 *       columns are null) — {@code grid_mismatch}, {@code invalid} or {@code internal_error}.</li>
 * </ul>
 * Every input column passes through unchanged. Each row is planned alone, as a batch of one, with its own
 * mask; the arrays are read and written as primitive arrays ({@link CatalystRows}).
 */
public final class PositionTransformer {

    static final String POSITION_IDS = "position_ids";
    static final String ROPE_DELTA = "rope_delta";
    static final String MAX_POSITION = "max_position";
    static final String TEXT_TOKENS = "text_tokens";
    static final String IMAGE_TOKENS = "image_tokens";
    static final String VIDEO_TOKENS = "video_tokens";
    static final String PROBLEM_KIND = "problem_kind";
    static final String PROBLEM = "problem";

    private final String model;
    private final String compat;
    private final boolean positions;

    private PositionTransformer(String model, String compat, boolean positions) {
        PosplanLibrary.requireModel(model);
        PosplanLibrary.requireCompat(compat);
        this.model = model;
        this.compat = compat;
        this.positions = positions;
    }

    /** A transformer for a model preset ({@code qwen2-vl}, {@code qwen2.5-vl}, {@code qwen3-vl}) and compat. */
    public static PositionTransformer of(String model, String compat) {
        return new PositionTransformer(model, compat, true);
    }

    /** Whether to add {@code position_ids} (3 ints per token); without them only the per-row facts are added. */
    public PositionTransformer withPositions(boolean on) {
        return new PositionTransformer(model, compat, on);
    }

    public Dataset<Row> transform(Dataset<Row> df) {
        StructType in = df.schema();
        ProcessorColumns columns = ProcessorColumns.of(in);
        return CatalystRows.mapPartitions(df, outputSchema(in), new Plan(model, compat, positions, columns));
    }

    private StructType outputSchema(StructType in) {
        StructType out = in;
        if (positions) {
            out = out.add(POSITION_IDS, ProcessorColumns.GRIDS, true);
        }
        return out.add(ROPE_DELTA, DataTypes.LongType, true)
                .add(MAX_POSITION, DataTypes.IntegerType, true)
                .add(TEXT_TOKENS, DataTypes.IntegerType, false)
                .add(IMAGE_TOKENS, DataTypes.IntegerType, false)
                .add(VIDEO_TOKENS, DataTypes.IntegerType, false)
                .add(PROBLEM_KIND, DataTypes.StringType, true)
                .add(PROBLEM, DataTypes.StringType, true);
    }

    /** The per-partition work: one planner per task; each input row comes out with the plan columns appended. */
    private static final class Plan implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
        private static final long serialVersionUID = 1L;
        private final String model;
        private final String compat;
        private final boolean positions;
        private final ProcessorColumns columns;

        Plan(String model, String compat, boolean positions, ProcessorColumns columns) {
            this.model = model;
            this.compat = compat;
            this.positions = positions;
            this.columns = columns;
        }

        @Override
        public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
            RowPlanner planner = new RowPlanner(PosplanLibrary.of(model, compat));
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public InternalRow next() {
                    InternalRow row = rows.next();
                    RowPlan plan = columns.plan(planner, row);
                    Object[] out = new Object[positions ? 8 : 7];
                    int k = 0;
                    PosplanLibrary.Positions p = plan.positions();
                    if (positions) {
                        out[k++] = p == null ? null : CatalystRows.array(axes(p));
                    }
                    out[k++] = p == null ? null : p.ropeDelta();
                    out[k++] = p == null ? null : p.maxPosition();
                    out[k++] = plan.textTokens();
                    out[k++] = plan.imageTokens();
                    out[k++] = plan.videoTokens();
                    out[k++] = CatalystRows.string(plan.problemKind());
                    out[k] = CatalystRows.string(plan.problem());
                    // The input row is a buffer the scan reuses: the output keeps a copy.
                    return new JoinedRow(row.copy(), new GenericInternalRow(out));
                }
            };
        }

        /** {@code int[axes * L]} axis-major as {@code [axes][L]}. */
        private static int[][] axes(PosplanLibrary.Positions p) {
            int[][] out = new int[p.axes()][];
            for (int a = 0; a < out.length; a++) {
                out[a] = Arrays.copyOfRange(p.values(), a * p.length(), (a + 1) * p.length());
            }
            return out;
        }
    }

    @Override
    public String toString() {
        return "PositionTransformer[" + model + ", " + compat + (positions ? ", positions" : "") + "]";
    }
}
