package dev.posplan.api.encode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header naming each tensor's
 * {@code dtype}, {@code shape} and {@code data_offsets} (relative to the data section) plus an optional
 * {@code __metadata__} map of strings, padded with spaces so that the data starts 8-byte aligned, then the
 * tensors' bytes back to back in header order.
 */
public final class SafetensorsWriter {

    /** The reference implementation refuses larger headers. */
    static final int MAX_HEADER_BYTES = 100_000_000;

    private static final JsonFactory JSON = new JsonFactory();

    private SafetensorsWriter() {
    }

    /** Writes the file; {@code metadata} may be empty. Does not close {@code out}. */
    public static void write(OutputStream out, List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array();
        out.write(length);
        out.write(header);
        for (Tensor t : tensors) {
            t.writeData(out);
        }
    }

    /** Total size of the file {@link #write} produces, for a {@code Content-Length}. */
    public static long size(List<Tensor> tensors, Map<String, String> metadata) {
        long size = 8 + header(tensors, metadata).length;
        for (Tensor t : tensors) {
            size += t.byteSize();
        }
        return size;
    }

    /** The header JSON in UTF-8, space-padded to a multiple of 8 bytes. */
    static byte[] header(List<Tensor> tensors, Map<String, String> metadata) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256 + 96 * tensors.size());
        Set<String> names = new HashSet<>();
        try (JsonGenerator g = JSON.createGenerator(buf)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeName("__metadata__");
                g.writeStartObject();
                for (Map.Entry<String, String> e : metadata.entrySet()) {
                    g.writeStringProperty(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            long offset = 0;
            for (Tensor t : tensors) {
                if (!names.add(t.name()) || t.name().equals("__metadata__")) {
                    throw new IllegalArgumentException("tensor name '" + t.name() + "' is used twice");
                }
                g.writeName(t.name());
                g.writeStartObject();
                g.writeStringProperty("dtype", t.dtype().safetensorsName());
                g.writeName("shape");
                long[] shape = t.shape();
                g.writeArray(shape, 0, shape.length);
                g.writeName("data_offsets");
                g.writeStartArray();
                g.writeNumber(offset);
                offset += t.byteSize();
                g.writeNumber(offset);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        int padded = (buf.size() + 7) & ~7;
        if (padded > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("safetensors header of " + padded + " bytes exceeds " + MAX_HEADER_BYTES);
        }
        while (buf.size() < padded) {
            buf.write(' ');
        }
        return buf.toByteArray();
    }
}
