package dev.posplan.api.encode;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An uncompressed {@code .npz} as {@code numpy.savez} writes it: a zip of {@code <name>.npy} entries, each
 * STORED. A STORED entry needs its size and CRC-32 before its bytes, so each array is encoded twice: once
 * into a CRC (no buffer holds the file), once into the zip.
 */
public final class NpzWriter {

    /** Entry time 1980-01-01 (the DOS epoch): the same plan gives the same bytes. */
    private static final long FIXED_TIME = 315_532_800_000L;

    private NpzWriter() {
    }

    /** Writes the archive, leaving {@code out} open (flushed). */
    public static void write(OutputStream out, List<Tensor> tensors) throws IOException {
        Set<String> names = new HashSet<>();
        for (Tensor t : tensors) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("tensor name '" + t.name() + "' is used twice");
            }
        }
        try (ZipOutputStream zip = new ZipOutputStream(new NonClosingOutputStream(out))) {
            zip.setMethod(ZipOutputStream.STORED);
            for (Tensor t : tensors) {
                ZipEntry e = new ZipEntry(t.name() + ".npy");
                long size = NpyWriter.size(t);
                e.setSize(size);
                e.setCompressedSize(size);
                e.setCrc(crc(t));
                e.setTime(FIXED_TIME);
                zip.putNextEntry(e);
                NpyWriter.write(zip, t);
                zip.closeEntry();
            }
        }
    }

    private static long crc(Tensor t) throws IOException {
        CRC32 crc = new CRC32();
        NpyWriter.write(new CheckedOutputStream(OutputStream.nullOutputStream(), crc), t);
        return crc.getValue();
    }
}
