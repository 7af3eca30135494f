package dev.posplan.api.encode;

/**
 * Element types a {@link Tensor} is written as, with their names in the two file formats.
 */
public enum TensorDType {
    INT32("I32", "<i4", 4),
    INT64("I64", "<i8", 8),
    FLOAT32("F32", "<f4", 4);

    private final String safetensorsName;
    private final String numpyDescr;
    private final int bytes;

    TensorDType(String safetensorsName, String numpyDescr, int bytes) {
        this.safetensorsName = safetensorsName;
        this.numpyDescr = numpyDescr;
        this.bytes = bytes;
    }

    /** The {@code dtype} string of a safetensors header ({@code I32}, {@code I64}, {@code F32}). */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** The numpy {@code descr} of a little-endian array ({@code <i4}, {@code <i8}, {@code <f4}). */
    public String numpyDescr() {
        return numpyDescr;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The lower-case API name ({@code int32}, {@code int64}, {@code float32}). */
    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
