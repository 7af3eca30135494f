package dev.posplan.api.encode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.io.ByteArrayInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An independent reader of the three formats, written from the format descriptions rather than from the
 * writers: it checks the framing rules (alignment, contiguous offsets, STORED entries with right CRCs) and
 * decodes every value to a double for comparison.
 */
final class TensorFileReader {

    record Array(String dtype, long[] shape, double[] values) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private TensorFileReader() {
    }

    static Map<String, Array> safetensors(byte[] file, Map<String, String> metadataOut) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        if ((8 + n) % 8 != 0) {
            throw new AssertionError("data section not 8-byte aligned: header " + n);
        }
        JsonNode header = JSON.readTree(new String(file, 8, (int) n, StandardCharsets.UTF_8));
        int dataStart = (int) (8 + n);
        Map<String, Array> out = new LinkedHashMap<>();
        List<long[]> spans = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : header.properties()) {
            if (e.getKey().equals("__metadata__")) {
                e.getValue().properties().forEach(m -> metadataOut.put(m.getKey(), m.getValue().stringValue()));
                continue;
            }
            JsonNode t = e.getValue();
            long[] shape = longs(t.get("shape"));
            long begin = t.get("data_offsets").get(0).longValue();
            long end = t.get("data_offsets").get(1).longValue();
            spans.add(new long[] {begin, end});
            String dtype = switch (t.get("dtype").stringValue()) {
                case "I32" -> "<i4";
                case "I64" -> "<i8";
                case "F32" -> "<f4";
                default -> throw new AssertionError("dtype " + t.get("dtype"));
            };
            out.put(e.getKey(), new Array(dtype, shape, decode(dtype, file, dataStart + (int) begin, dataStart + (int) end)));
        }
        spans.sort((x, y) -> Long.compare(x[0], y[0]));
        long at = 0;
        for (long[] s : spans) {
            if (s[0] != at) {
                throw new AssertionError("data_offsets leave a hole or overlap at " + at);
            }
            at = s[1];
        }
        if (dataStart + at != file.length) {
            throw new AssertionError("file has " + (file.length - dataStart - at) + " trailing bytes");
        }
        return out;
    }

    private static final Pattern NPY_DICT = Pattern.compile(
            "\\{'descr': '([<>|][a-z][0-9])', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), \\} *\n");

    static Array npy(byte[] file) {
        if ((file[0] & 0xFF) != 0x93 || !new String(file, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")
                || file[6] != 1 || file[7] != 0) {
            throw new AssertionError("not a v1.0 .npy");
        }
        int len = (file[8] & 0xFF) | (file[9] & 0xFF) << 8;
        if ((10 + len) % 64 != 0) {
            throw new AssertionError("data not 64-byte aligned");
        }
        String dict = new String(file, 10, len, StandardCharsets.US_ASCII);
        Matcher m = NPY_DICT.matcher(dict);
        if (!m.matches()) {
            throw new AssertionError("unexpected header " + dict);
        }
        long[] shape = Arrays.stream(m.group(2).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        return new Array(m.group(1), shape, decode(m.group(1), file, 10 + len, file.length));
    }

    static Map<String, Array> npz(byte[] file) throws IOException {
        Map<String, Array> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getMethod() != ZipEntry.STORED) {
                    throw new AssertionError(e.getName() + " is compressed");
                }
                byte[] bytes = zip.readAllBytes();
                CRC32 crc = new CRC32();
                crc.update(bytes);
                if (crc.getValue() != e.getCrc()) {
                    throw new AssertionError(e.getName() + ": bad CRC");
                }
                out.put(e.getName().replaceFirst("\\.npy$", ""), npy(bytes));
            }
        }
        return out;
    }

    private static double[] decode(String dtype, byte[] file, int from, int to) {
        ByteBuffer b = ByteBuffer.wrap(file, from, to - from).order(ByteOrder.LITTLE_ENDIAN);
        int width = dtype.equals("<i8") ? 8 : 4;
        double[] out = new double[(to - from) / width];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dtype) {
                case "<i4" -> b.getInt();
                case "<i8" -> b.getLong();
                case "<f4" -> b.getFloat();
                default -> throw new AssertionError(dtype);
            };
        }
        return out;
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).longValue();
        }
        return out;
    }
}
