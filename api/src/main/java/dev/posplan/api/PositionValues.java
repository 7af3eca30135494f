package dev.posplan.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * A matrix of positions written as nested JSON arrays: integers for an int32 plan, float32 numbers (the
 * shortest decimal that reads back to the same float32) for a float32 plan.
 */
public sealed interface PositionValues {

    /** Rows of int32 values. */
    record Ints(int[][] rows) implements PositionValues {
        @JsonValue
        @Override
        public int[][] rows() {
            return rows;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ints i && Arrays.deepEquals(rows, i.rows);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(rows);
        }

        @Override
        public String toString() {
            return Arrays.deepToString(rows);
        }
    }

    /** Rows of float32 values. */
    record Floats(float[][] rows) implements PositionValues {
        @JsonValue
        @Override
        public float[][] rows() {
            return rows;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Floats f && Arrays.deepEquals(rows, f.rows);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(rows);
        }

        @Override
        public String toString() {
            return Arrays.deepToString(rows);
        }
    }
}
