package dev.posplan.spark;

import static org.apache.spark.sql.functions.sum;

import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The audit's floor: the same scan, the same copy of every processor column into primitive arrays, and no
 * planning. The audit's rows/s over this one's is what planning costs on top of reading Parquet.
 */
final class ScanFloor {

    private ScanFloor() {
    }

    /** Rows and tokens of the corpus, {@code [rows, tokens]}. */
    static long[] run(Dataset<Row> corpus) {
        ProcessorColumns columns = ProcessorColumns.of(corpus.schema());
        StructType out = new StructType().add("tokens", DataTypes.LongType, false);
        Row r = CatalystRows.mapPartitions(corpus, out, rows -> tokens(columns, rows))
                .agg(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)), sum("tokens"))
                .first();
        return new long[] {r.getLong(0), r.isNullAt(1) ? 0 : r.getLong(1)};
    }

    private static Iterator<InternalRow> tokens(ProcessorColumns columns, Iterator<InternalRow> rows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public InternalRow next() {
                ProcessorColumns.RowArrays a = columns.read(rows.next());
                return new GenericInternalRow(new Object[] {a.inputIds() == null ? 0L : (long) a.inputIds().length});
            }
        };
    }
}
