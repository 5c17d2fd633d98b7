package difflab.exact1d;

import difflab.target.GaussianTarget;
import difflab.target.Target;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * The clipped tilt w̃(x) = E[clip<sub>B</sub>(W) | x] of the FORS diffusion step (docs/ALGORITHMS.md §6.3–6.4) in 1-D, where
 * W = (s<sub>t</sub>(y + U(x − y)) − s<sub>t</sub>(y))·(x − y), U ~ Unif[0, 1]:
 * <pre>  w̃(x) = ∫_0^1 clip_B( W(u) ) du.</pre>
 * Two independent evaluations, used to check the fast sweep of {@link ForsGridTransition}:
 * <ul>
 * <li>{@link #direct}: Gauss–Legendre over u with the exact score, on equal panels, each split at the points
 *     where W(u) crosses ±B (so every piece is smooth: W itself or the constant ±B);</li>
 * <li>{@link #gaussian}: the closed form for a Gaussian target, whose score is affine, s<sub>t</sub>(z) =
 *     −(z − α<sub>t</sub>μ)/v<sub>t</sub>, so W(u) = −u·r with r = (x − y)²/v<sub>t</sub> and (DERIVED)
 *     w̃ = −r/2 for r ≤ B, w̃ = −B + B²/(2r) for r &gt; B.</li>
 * </ul>
 */
public final class ClippedTilt {
    /** Bisection iterations when locating a crossing of ±B (the bracket shrinks to 2^-60 of a panel). */
    static final int CROSSING_ITERATIONS = 60;
    /** Gauss–Legendre rules by order (their high-precision construction is slow, so each is built once). */
    private static final java.util.Map<Integer, GaussIntegrator> RULES = new java.util.concurrent.ConcurrentHashMap<>();

    private ClippedTilt() {
    }

    /** Closed form for a 1-D Gaussian target at (α, σ). B may be +∞ (no clipping). */
    public static double gaussian(GaussianTarget target, double alpha, double sigma, double y, double x, double bound) {
        GridDensity.requireOneDimensional(target);
        double v = alpha * alpha * target.eigenvalues()[0] + sigma * sigma;
        double delta = x - y;
        double r = delta * delta / v;
        return r <= bound ? -0.5 * r : -bound + bound * bound / (2.0 * r);
    }

    /**
     * Direct evaluation with {@code panels} equal panels of Gauss–Legendre order {@code order}, each split at the
     * crossings of ±B found by bisection between the panel's end points. B may be +∞. Crossing pairs inside one
     * panel (W leaving and re-entering [−B, B] between two panel ends) are not seen: use enough panels.
     */
    public static double direct(Target target, double alpha, double sigma, double y, double x, double bound,
            int panels, int order) {
        GridDensity.requireOneDimensional(target);
        if (panels < 1 || order < 1) {
            throw new IllegalArgumentException("panels=" + panels + ", order=" + order + "; accepted: both >= 1");
        }
        double delta = x - y;
        if (delta == 0) {
            return 0.0;
        }
        double[] point = new double[1];
        double[] out = new double[1];
        double sy = score(target, alpha, sigma, y, point, out);
        java.util.function.DoubleUnaryOperator w = u -> (score(target, alpha, sigma, y + u * delta, point, out) - sy)
                * delta;
        GaussIntegrator gl = RULES.computeIfAbsent(order, k -> new GaussIntegratorFactory().legendreHighPrecision(k));
        double total = 0;
        double prevU = 0;
        double prevW = 0;
        for (int p = 1; p <= panels; p++) {
            double u = (double) p / panels;
            double wu = w.applyAsDouble(u);
            double[] cuts = new double[4];
            int nc = 0;
            cuts[nc++] = prevU;
            for (double level : new double[] {-bound, bound}) {
                if (Double.isFinite(level) && (prevW - level) * (wu - level) < 0) {
                    cuts[nc++] = crossing(w, level, prevU, prevW, u);
                }
            }
            java.util.Arrays.sort(cuts, 1, nc);
            cuts[nc++] = u;
            for (int c = 0; c + 1 < nc; c++) {
                double a = cuts[c];
                double b = cuts[c + 1];
                double mid = w.applyAsDouble(0.5 * (a + b));
                if (mid >= bound) {
                    total += bound * (b - a);
                } else if (mid <= -bound) {
                    total -= bound * (b - a);
                } else {
                    double half = 0.5 * (b - a);
                    double s = 0;
                    for (int g = 0; g < order; g++) {
                        s += gl.getWeight(g) * w.applyAsDouble(0.5 * (a + b) + half * gl.getPoint(g));
                    }
                    total += s * half;
                }
            }
            prevU = u;
            prevW = wu;
        }
        return total;
    }

    private static double crossing(java.util.function.DoubleUnaryOperator w, double level, double lo, double wLo,
            double hi) {
        for (int it = 0; it < CROSSING_ITERATIONS; it++) {
            double mid = 0.5 * (lo + hi);
            double wm = w.applyAsDouble(mid);
            if ((wm - level) * (wLo - level) > 0) {
                lo = mid;
                wLo = wm;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** s<sub>t</sub>(z) = (α·D(z) − z)/σ². */
    static double score(Target target, double alpha, double sigma, double z, double[] point, double[] out) {
        point[0] = z;
        target.denoise(alpha, sigma, point, 1, 0, 1, out);
        return (alpha * out[0] - z) / (sigma * sigma);
    }
}
