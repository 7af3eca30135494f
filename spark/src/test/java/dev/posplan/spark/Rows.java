package dev.posplan.spark;

import java.util.List;
import org.apache.spark.sql.Row;

/** Collected rows' array columns as primitive arrays (test code may box). */
final class Rows {

    private Rows() {
    }

    static int[] ints(Row row, String field) {
        return row.isNullAt(row.fieldIndex(field)) ? null : ints(row.<Integer>getList(row.fieldIndex(field)));
    }

    static int[][] intRows(Row row, String field) {
        if (row.isNullAt(row.fieldIndex(field))) {
            return null;
        }
        List<scala.collection.Seq<Integer>> rows = row.getList(row.fieldIndex(field));
        int[][] out = new int[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ints(scala.jdk.javaapi.CollectionConverters.asJava(rows.get(i)));
        }
        return out;
    }

    static double[] doubles(Row row, String field) {
        if (row.isNullAt(row.fieldIndex(field))) {
            return null;
        }
        return row.<Double>getList(row.fieldIndex(field)).stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
