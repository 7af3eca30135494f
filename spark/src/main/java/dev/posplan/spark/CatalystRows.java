package dev.posplan.spark;

import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The module's one use of Spark's internal row API. Spark's public paths (Row encoders, UDFs, higher-order
 * functions) turn every array element into a boxed object, one per token for {@code input_ids}; Catalyst's
 * own rows hand out arrays as {@link ArrayData}, which copy into {@code int[]} in one call and answer
 * {@link ArrayData#isNullAt} from a bitmap. So the DataFrame is mapped as {@link InternalRow}s and the
 * result built back from them.
 */
final class CatalystRows {

    private CatalystRows() {
    }

    /** Maps the rows of {@code df} partition by partition into a DataFrame of {@code schema}. */
    static Dataset<Row> mapPartitions(Dataset<Row> df, StructType schema,
            FlatMapFunction<Iterator<InternalRow>, InternalRow> f) {
        org.apache.spark.rdd.RDD<InternalRow> in = ((org.apache.spark.sql.classic.Dataset<Row>) df).queryExecution()
                .toRdd();
        return dataFrame(df.sparkSession(), in.toJavaRDD().mapPartitions(f).rdd(), schema);
    }

    /** A DataFrame over rows already in Catalyst's form. */
    static Dataset<Row> dataFrame(SparkSession spark, org.apache.spark.rdd.RDD<InternalRow> rows, StructType schema) {
        return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows, schema, false);
    }

    /** Thrown for an element that is null or outside int32 (a corrupt or oddly typed corpus column). */
    static final class BadElement extends Exception {
        private static final long serialVersionUID = 1L;

        BadElement(String message) {
            super(message, null, false, false);
        }
    }

    /** An integer array of any width as {@code int[]}; null for a null array. */
    static int[] ints(ArrayData a, DataType element, String field) throws BadElement {
        if (a == null) {
            return null;
        }
        int n = a.numElements();
        for (int i = 0; i < n; i++) {
            if (a.isNullAt(i)) {
                throw new BadElement(field + "[" + i + "] is null");
            }
        }
        if (element.equals(DataTypes.IntegerType)) {
            return a.toIntArray();
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            long v = element.equals(DataTypes.LongType) ? a.getLong(i)
                    : element.equals(DataTypes.ShortType) ? a.getShort(i)
                    : element.equals(DataTypes.ByteType) ? a.getByte(i)
                    : unsupported(element, field);
            if (v != (int) v) {
                throw new BadElement(field + "[" + i + "] = " + v + " is outside int32");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** A list of integer arrays ({@code image_grid_thw}) as {@code int[][]}; null for a null list. */
    static int[][] intRows(ArrayData a, DataType inner, String field) throws BadElement {
        if (a == null) {
            return null;
        }
        DataType element = ((org.apache.spark.sql.types.ArrayType) inner).elementType();
        int[][] out = new int[a.numElements()][];
        for (int i = 0; i < out.length; i++) {
            if (a.isNullAt(i)) {
                throw new BadElement(field + "[" + i + "] is null");
            }
            out[i] = ints(a.getArray(i), element, field + "[" + i + "]");
        }
        return out;
    }

    /** A float or double array as {@code double[]}; null for a null array. */
    static double[] doubles(ArrayData a, DataType element, String field) throws BadElement {
        if (a == null) {
            return null;
        }
        double[] out = new double[a.numElements()];
        for (int i = 0; i < out.length; i++) {
            if (a.isNullAt(i)) {
                throw new BadElement(field + "[" + i + "] is null");
            }
            out[i] = element.equals(DataTypes.DoubleType) ? a.getDouble(i)
                    : element.equals(DataTypes.FloatType) ? a.getFloat(i)
                    : unsupported(element, field);
        }
        return out;
    }

    private static long unsupported(DataType element, String field) {
        throw new IllegalArgumentException(field + " has elements of type " + element.simpleString());
    }

    static org.apache.spark.unsafe.types.UTF8String string(String s) {
        return s == null ? null : org.apache.spark.unsafe.types.UTF8String.fromString(s);
    }

    static ArrayData array(int[] values) {
        return values == null ? null : UnsafeArrayData.fromPrimitiveArray(values);
    }

    static ArrayData array(double[] values) {
        return values == null ? null : UnsafeArrayData.fromPrimitiveArray(values);
    }

    /** {@code [n][k]} as an array of primitive int arrays. */
    static ArrayData array(int[][] rows) {
        if (rows == null) {
            return null;
        }
        Object[] out = new Object[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = UnsafeArrayData.fromPrimitiveArray(rows[i]);
        }
        return new GenericArrayData(out);
    }
}
