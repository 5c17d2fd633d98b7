package difflab.analysis.fit;

import java.util.SplittableRandom;

/** Deterministic synthetic convergence data for the fit tests. */
final class Synthetic {

    private Synthetic() {
    }

    /** {@code 2^fromExponent, ..., 2^toExponent}. */
    static double[] powersOfTwo(int fromExponent, int toExponent) {
        double[] x = new double[toExponent - fromExponent + 1];
        for (int k = 0; k < x.length; k++) {
            x[k] = Math.scalb(1.0, fromExponent + k);
        }
        return x;
    }

    /** {@code C·N^(−p)·(1 + amplitude·U)} with U uniform on [−1, 1] from a seeded generator. */
    static double[] powerLaw(double[] n, double c, double p, double amplitude, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] error = new double[n.length];
        for (int k = 0; k < n.length; k++) {
            error[k] = c * Math.pow(n[k], -p) * (1 + amplitude * (2 * random.nextDouble() - 1));
        }
        return error;
    }

    /** {@code max(error, floor·(1 + amplitude·U))}: a noisy precision floor. */
    static double[] withFloor(double[] error, double floor, double amplitude, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] floored = new double[error.length];
        for (int k = 0; k < error.length; k++) {
            floored[k] = Math.max(error[k], floor * (1 + amplitude * (2 * random.nextDouble() - 1)));
        }
        return floored;
    }
}
