package dev.posplan.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of a Qwen-VL processor row as HF writes them ({@code input_ids}, {@code attention_mask},
 * {@code image_grid_thw}, {@code video_grid_thw}, {@code second_per_grid_ts}) and where they sit in a
 * DataFrame's schema. Only {@code input_ids} is required; integer columns may be of any width (pyarrow
 * writes int64), {@code second_per_grid_ts} float or double. Reading a row yields primitive arrays.
 */
final class ProcessorColumns implements Serializable {

    private static final long serialVersionUID = 1L;

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String IMAGE_GRID_THW = "image_grid_thw";
    static final String VIDEO_GRID_THW = "video_grid_thw";
    static final String SECOND_PER_GRID_TS = "second_per_grid_ts";

    static final DataType IDS = DataTypes.createArrayType(DataTypes.IntegerType, false);
    static final DataType GRIDS = DataTypes.createArrayType(IDS, false);
    static final DataType SECONDS = DataTypes.createArrayType(DataTypes.DoubleType, false);

    private final int[] index = new int[5];
    private final DataType[] element = new DataType[5];

    private ProcessorColumns(StructType schema) {
        List<String> names = Arrays.asList(schema.fieldNames());
        String[] columns = {INPUT_IDS, ATTENTION_MASK, IMAGE_GRID_THW, VIDEO_GRID_THW, SECOND_PER_GRID_TS};
        for (int c = 0; c < columns.length; c++) {
            index[c] = names.indexOf(columns[c]);
            if (index[c] < 0) {
                if (c == 0) {
                    throw new IllegalArgumentException("the input has no " + INPUT_IDS + " column; columns: " + names);
                }
                continue;
            }
            DataType type = schema.fields()[index[c]].dataType();
            boolean nested = c == 2 || c == 3;
            if (!(type instanceof ArrayType a) || nested && !(a.elementType() instanceof ArrayType)) {
                throw new IllegalArgumentException("column " + columns[c] + " must be " + (nested ? "a list of "
                        + "integer lists" : "a list") + ", got " + type.simpleString());
            }
            element[c] = a.elementType();
        }
    }

    /**
     * @throws IllegalArgumentException when {@code input_ids} is missing or a column has the wrong shape
     */
    static ProcessorColumns of(StructType schema) {
        return new ProcessorColumns(schema);
    }

    /** A row's processor columns as primitive arrays (null where absent); {@code bad} names an unreadable one. */
    record RowArrays(int[] inputIds, int[] mask, int[][] imageGrids, int[][] videoGrids, double[] seconds,
            String bad) {
    }

    /** Copies the processor columns out of a row; an element that is null or beyond int32 is reported in {@code bad}. */
    RowArrays read(InternalRow row) {
        int[] ids;
        try {
            ids = CatalystRows.ints(array(row, 0), element[0], INPUT_IDS);
        } catch (CatalystRows.BadElement e) {
            return new RowArrays(null, null, null, null, null, e.getMessage());
        }
        try {
            return new RowArrays(ids, CatalystRows.ints(array(row, 1), element[1], ATTENTION_MASK),
                    CatalystRows.intRows(array(row, 2), element[2], IMAGE_GRID_THW),
                    CatalystRows.intRows(array(row, 3), element[3], VIDEO_GRID_THW),
                    CatalystRows.doubles(array(row, 4), element[4], SECOND_PER_GRID_TS), null);
        } catch (CatalystRows.BadElement e) {
            return new RowArrays(ids, null, null, null, null, e.getMessage());
        }
    }

    /** Plans one row; an unreadable column makes the row invalid, never the job fail. */
    RowPlan plan(RowPlanner planner, InternalRow row) {
        RowArrays a = read(row);
        if (a.inputIds() == null && a.bad() != null) {
            return new RowPlan(0, 0, 0, null, RowPlan.INVALID, a.bad());
        }
        return planner.plan(a.inputIds(), a.mask(), a.imageGrids(), a.videoGrids(), a.seconds(), a.bad());
    }

    /** Tokens in {@code input_ids} (padding included), or null when it is null. */
    Integer length(InternalRow row) {
        return row.isNullAt(index[0]) ? null : row.getArray(index[0]).numElements();
    }

    /** The attention mask, or null when absent or unreadable. */
    int[] mask(InternalRow row) {
        try {
            return CatalystRows.ints(array(row, 1), element[1], ATTENTION_MASK);
        } catch (CatalystRows.BadElement e) {
            return null;
        }
    }

    private org.apache.spark.sql.catalyst.util.ArrayData array(InternalRow row, int c) {
        int i = index[c];
        return i < 0 || row.isNullAt(i) ? null : row.getArray(i);
    }
}
