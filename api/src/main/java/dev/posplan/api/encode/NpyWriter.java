package dev.posplan.api.encode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code .npy} format, version 1.0: magic {@code \x93NUMPY}, version bytes 1 0, a little-endian
 * 2-byte header length, and a Python dict literal ({@code descr}, {@code fortran_order}, {@code shape}) padded
 * with spaces and ended by a newline so that the data starts at a multiple of 64 bytes; then the C-ordered
 * little-endian data.
 */
public final class NpyWriter {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    /** Magic, version and the 2-byte length come before the dict. */
    private static final int PREAMBLE = MAGIC.length + 2;

    private static final int ALIGN = 64;

    private NpyWriter() {
    }

    /** Writes one array. Does not close {@code out}. */
    public static void write(OutputStream out, Tensor tensor) throws IOException {
        out.write(header(tensor));
        tensor.writeData(out);
    }

    /** Total size of the file {@link #write} produces. */
    public static long size(Tensor tensor) {
        return header(tensor).length + tensor.byteSize();
    }

    /** Preamble plus the padded dict. */
    static byte[] header(Tensor tensor) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(tensor.dtype().numpyDescr())
                .append("', 'fortran_order': False, 'shape': (");
        long[] shape = tensor.shape();
        for (int i = 0; i < shape.length; i++) {
            dict.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : "");
            if (i < shape.length - 1) {
                dict.append(", ");
            }
        }
        dict.append("), }");
        int total = PREAMBLE + dict.length() + 1;
        int padded = (total + ALIGN - 1) / ALIGN * ALIGN;
        dict.append(" ".repeat(padded - total)).append('\n');
        int dictBytes = dict.length();
        if (dictBytes > 0xFFFF) {
            throw new IllegalArgumentException("tensor " + tensor.name() + ": .npy v1.0 header too long for shape");
        }
        byte[] out = new byte[PREAMBLE + dictBytes];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[MAGIC.length] = (byte) dictBytes;
        out[MAGIC.length + 1] = (byte) (dictBytes >>> 8);
        byte[] ascii = dict.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, out, PREAMBLE, ascii.length);
        return out;
    }
}
