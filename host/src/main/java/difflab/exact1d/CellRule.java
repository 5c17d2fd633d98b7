package difflab.exact1d;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Polynomial interpolation and integration on one grid cell, mapped to the reference interval ζ ∈ [−1, 1]: a
 * function is held by its values at the {@value #NODES} Gauss–Legendre nodes (barycentric interpolation of
 * degree {@value #NODES}−1, integrated exactly by the same rule), and sampled at {@value #SAMPLES}+1 equally spaced
 * points to locate level crossings. Used for the score s<sub>t</sub> on the cells of the FORS clipping correction:
 * s is analytic, so on cells much shorter than its analyticity scale the interpolant is accurate to far below
 * the tolerance of the exact evaluation (checked against direct Gauss–Legendre in {@code ClippedTiltTest}).
 */
final class CellRule {
    /** Gauss–Legendre nodes per cell. */
    static final int NODES = 8;
    /** Sample intervals per cell used to find level crossings. */
    static final int SAMPLES = 16;
    /** Iterations of the root refinement (Illinois false position with a bisection fallback). */
    static final int MAX_ROOT_ITERATIONS = 100;
    /** Root refinement stops when the bracket, or the last correction, is shorter than this on [−1, 1]. */
    static final double ROOT_TOLERANCE = 1e-15;

    static final CellRule INSTANCE = new CellRule();

    final double[] xi = new double[NODES];
    final double[] weight = new double[NODES];
    private final double[] bary = new double[NODES];
    private final double[] sampleMatrix = new double[(SAMPLES + 1) * NODES];

    private CellRule() {
        GaussIntegrator gl = new GaussIntegratorFactory().legendreHighPrecision(NODES);
        for (int g = 0; g < NODES; g++) {
            xi[g] = gl.getPoint(g);
            weight[g] = gl.getWeight(g);
        }
        for (int g = 0; g < NODES; g++) {
            double p = 1;
            for (int k = 0; k < NODES; k++) {
                if (k != g) {
                    p *= xi[g] - xi[k];
                }
            }
            bary[g] = 1.0 / p;
        }
        double[] unit = new double[NODES];
        for (int k = 0; k <= SAMPLES; k++) {
            double zeta = sampleAbscissa(k);
            for (int g = 0; g < NODES; g++) {
                java.util.Arrays.fill(unit, 0);
                unit[g] = 1;
                sampleMatrix[k * NODES + g] = evaluate(unit, 0, zeta);
            }
        }
    }

    /** ζ<sub>k</sub> = −1 + 2k/SAMPLES. */
    static double sampleAbscissa(int k) {
        return -1.0 + 2.0 * k / SAMPLES;
    }

    /** The interpolant through v[off..off+NODES) at ζ (barycentric formula of the second kind). */
    double evaluate(double[] v, int off, double zeta) {
        double num = 0;
        double den = 0;
        for (int g = 0; g < NODES; g++) {
            double diff = zeta - xi[g];
            if (diff == 0) {
                return v[off + g];
            }
            double c = bary[g] / diff;
            num += c * v[off + g];
            den += c;
        }
        return num / den;
    }

    /** ∫<sub>−1</sub><sup>1</sup> of the interpolant. */
    double integral(double[] v, int off) {
        double s = 0;
        for (int g = 0; g < NODES; g++) {
            s += weight[g] * v[off + g];
        }
        return s;
    }

    /** The interpolant at the SAMPLES+1 sample abscissae, into out[outOff..]. */
    void sample(double[] v, int off, double[] out, int outOff) {
        for (int k = 0; k <= SAMPLES; k++) {
            double s = 0;
            for (int g = 0; g < NODES; g++) {
                s += sampleMatrix[k * NODES + g] * v[off + g];
            }
            out[outOff + k] = s;
        }
    }

    /**
     * Lower and upper bounds of the interpolant on the cell from its samples: the sampled minimum and maximum
     * widened by the largest difference between neighbouring samples (which exceeds what a smooth function can
     * overshoot between samples). Written to bounds[0], bounds[1].
     */
    static void bounds(double[] samples, int off, double[] bounds) {
        double min = samples[off];
        double max = min;
        double margin = 0;
        for (int k = 1; k <= SAMPLES; k++) {
            double s = samples[off + k];
            min = Math.min(min, s);
            max = Math.max(max, s);
            margin = Math.max(margin, Math.abs(s - samples[off + k - 1]));
        }
        bounds[0] = min - margin;
        bounds[1] = max + margin;
    }

    /**
     * ∫<sub>−1</sub><sup>1</sup> (sign·(p(ζ) − shift) − τ)<sub>+</sub> dζ for the interpolant p: the crossings of the level are found
     * between samples with a sign change and refined to {@link #ROOT_TOLERANCE}; each positive piece is integrated
     * exactly (Gauss–Legendre with NODES points integrates the degree NODES−1 integrand exactly).
     */
    double positivePart(double[] v, int off, double[] samples, int sOff, double sign, double shift, double tau) {
        double total = 0;
        double prevF = sign * (samples[sOff] - shift) - tau;
        double open = prevF > 0 ? -1.0 : Double.NaN;
        for (int k = 1; k <= SAMPLES; k++) {
            double f = sign * (samples[sOff + k] - shift) - tau;
            if ((f > 0) != (prevF > 0)) {
                double root = root(v, off, sign, shift, tau, sampleAbscissa(k - 1), prevF, sampleAbscissa(k), f);
                if (prevF > 0) {
                    total += piece(v, off, sign, shift, tau, open, root);
                    open = Double.NaN;
                } else {
                    open = root;
                }
            }
            prevF = f;
        }
        if (!Double.isNaN(open)) {
            total += piece(v, off, sign, shift, tau, open, 1.0);
        }
        return total;
    }

    private double piece(double[] v, int off, double sign, double shift, double tau, double a, double b) {
        double half = 0.5 * (b - a);
        double mid = 0.5 * (a + b);
        double s = 0;
        for (int g = 0; g < NODES; g++) {
            s += weight[g] * (sign * (evaluate(v, off, mid + half * xi[g]) - shift) - tau);
        }
        return Math.max(0.0, s * half);
    }

    private double root(double[] v, int off, double sign, double shift, double tau, double lo, double fLo, double hi,
            double fHi) {
        int side = 0;
        double previous = Double.NaN;
        for (int it = 0; it < MAX_ROOT_ITERATIONS && hi - lo > ROOT_TOLERANCE; it++) {
            double r = (lo * fHi - hi * fLo) / (fHi - fLo);
            if (!(r > lo && r < hi)) {
                r = 0.5 * (lo + hi);
            }
            if (Math.abs(r - previous) <= ROOT_TOLERANCE) {
                return r;
            }
            previous = r;
            double fr = sign * (evaluate(v, off, r) - shift) - tau;
            if (fr == 0) {
                return r;
            }
            if ((fr > 0) == (fLo > 0)) {
                lo = r;
                fLo = fr;
                if (side == -1) {
                    fHi *= 0.5;
                }
                side = -1;
            } else {
                hi = r;
                fHi = fr;
                if (side == 1) {
                    fLo *= 0.5;
                }
                side = 1;
            }
        }
        return 0.5 * (lo + hi);
    }
}
