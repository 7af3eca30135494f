package dev.posplan.api.encode;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A view of a caller's stream whose {@code close} only flushes: writers that close what they wrap (a zip
 * stream's {@code finish}, a JSON generator) leave stdout, a batch file or a response body open.
 */
public final class NonClosingOutputStream extends FilterOutputStream {

    public NonClosingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
