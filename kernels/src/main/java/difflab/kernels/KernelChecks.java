package difflab.kernels;

/** Argument checks shared by the kernel twins (package-private; messages name the bad value). */
final class KernelChecks {

    private KernelChecks() {
    }

    static void range(int n, int d, int from, int to) {
        if (n < 0 || d < 0) {
            throw new IllegalArgumentException("particle count n=" + n + " and dimension d=" + d
                    + " must both be >= 0");
        }
        if ((long) n * d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("n*d = " + ((long) n * d)
                    + " exceeds the Java array limit " + Integer.MAX_VALUE + "; split the particles");
        }
        if (from < 0 || to > n || from > to) {
            throw new IllegalArgumentException("particle range [" + from + ", " + to
                    + ") is not inside [0, " + n + ")");
        }
    }

    static void length(String name, double[] a, long n, long d) {
        if (a == null) {
            throw new IllegalArgumentException(name + " is null; an array of length n*d = " + n * d
                    + " is required");
        }
        if (a.length < n * d) {
            throw new IllegalArgumentException(name + " has length " + a.length
                    + " but n*d = " + n + "*" + d + " = " + n * d + " is required");
        }
    }

    static void nonNegative(String name, double v) {
        if (!(v >= 0.0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + " must be finite and >= 0");
        }
    }

    static void minLength(String name, double[] a, long required, String what) {
        if (a == null || a.length < required) {
            throw new IllegalArgumentException(name + " has length "
                    + (a == null ? "null" : Integer.toString(a.length)) + " but " + what + " = "
                    + required + " is required");
        }
    }
}
