package difflab.core;

/**
 * Floating-point precision of device kernels: the {@code REAL} type of the portable sources
 * ({@code double}, or {@code float} with {@code -DREAL_IS_FLOAT}). Host-side coefficients are always
 * computed in double and rounded to the kernel precision when passed.
 */
public enum Precision {
    /** IEEE binary64; needs {@code cl_khr_fp64} on OpenCL devices. */
    FP64(Double.BYTES),
    /** IEEE binary32. */
    FP32(Float.BYTES);

    private final int bytes;

    Precision(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Lower-case id used on the command line and in results ({@code fp64}, {@code fp32}). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Parses {@code fp64}/{@code double} or {@code fp32}/{@code float}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Precision parse(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "fp64":
            case "double":
                return FP64;
            case "fp32":
            case "float":
                return FP32;
            default:
                throw new IllegalArgumentException("unknown precision '" + s + "'; accepted: fp64, fp32");
        }
    }
}
