package dev.posplan.api.encode;

import tools.jackson.core.JsonGenerator;

/**
 * A tensor as nested JSON arrays ({@code [[[..], ..], ..]} for three dimensions), streamed through a
 * {@link JsonGenerator}: the innermost rows go out with the generator's bulk array writers, no number is boxed
 * and no tree is built.
 */
public final class TensorJson {

    private TensorJson() {
    }

    /** Writes the tensor's values as nested arrays by its shape; a 0-dimensional tensor as a bare number. */
    public static void writeNested(JsonGenerator g, Tensor t) {
        long[] shape = t.shape();
        if (shape.length == 0) {
            t.writeJsonValues(g, 0, 1, false);
            return;
        }
        int row = (int) shape[shape.length - 1];
        nested(g, t, shape, 0, 0, row);
    }

    /** Writes dimension {@code dim} starting at element {@code offset}; returns the offset after it. */
    private static int nested(JsonGenerator g, Tensor t, long[] shape, int dim, int offset, int row) {
        if (dim == shape.length - 1) {
            t.writeJsonValues(g, offset, row, true);
            return offset + row;
        }
        g.writeStartArray();
        for (long i = 0; i < shape[dim]; i++) {
            offset = nested(g, t, shape, dim + 1, offset, row);
        }
        g.writeEndArray();
        return offset;
    }
}
