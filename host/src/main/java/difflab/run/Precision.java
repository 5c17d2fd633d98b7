package difflab.run;

import java.util.Locale;

/** Floating-point precision of device kernels ({@code REAL} in the kernel sources). Host coefficients are always fp64. */
public enum Precision {
    FP64,
    FP32;

    /** Parses fp64 / fp32 (case-insensitive). */
    public static Precision parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "fp64": return FP64;
            case "fp32": return FP32;
            default: throw new IllegalArgumentException("unknown precision '" + s + "'; accepted: fp64, fp32");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
