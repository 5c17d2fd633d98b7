package difflab.math;

import java.util.function.DoubleUnaryOperator;

/**
 * Composite Gauss–Legendre quadrature with panel doubling, for sampler coefficients that are integrals of smooth
 * functions over one step (DEIS, LMS). The 16-point rule is exact for polynomials of degree 31; panels are doubled
 * until two successive sums agree to {@link #RELATIVE_TOLERANCE} relative (or to the absolute floor of the
 * integrand's scale).
 */
public final class GaussLegendre {
    /** Points of the rule on each panel. */
    static final int POINTS = 16;
    /** Agreement of successive sums at which the doubling stops. */
    public static final double RELATIVE_TOLERANCE = 1e-14;
    /** Most panel doublings before giving up. */
    static final int MAX_DOUBLINGS = 14;

    private static final double[] NODES = new double[POINTS];
    private static final double[] WEIGHTS = new double[POINTS];

    static {
        // roots of P_16 by Newton's method from Chebyshev guesses; weights 2/((1−x²)P'(x)²)
        for (int k = 0; k < POINTS; k++) {
            double x = Math.cos(Math.PI * (k + 0.75) / (POINTS + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1;
                double p1 = x;
                for (int n = 2; n <= POINTS; n++) {
                    double p2 = ((2 * n - 1) * x * p1 - (n - 1) * p0) / n;
                    p0 = p1;
                    p1 = p2;
                }
                dp = POINTS * (x * p1 - p0) / (x * x - 1);
                double dx = p1 / dp;
                x -= dx;
                if (Math.abs(dx) < 1e-16) {
                    break;
                }
            }
            NODES[k] = x;
            WEIGHTS[k] = 2.0 / ((1 - x * x) * dp * dp);
        }
    }

    private GaussLegendre() {
    }

    /**
     * ∫<sub>a</sub><sup>b</sup> f.
     *
     * @throws IllegalStateException if the sums do not settle within {@link #MAX_DOUBLINGS} doublings
     */
    public static double integrate(DoubleUnaryOperator f, double a, double b) {
        double previous = panels(f, a, b, 1);
        for (int d = 1, panels = 2; d <= MAX_DOUBLINGS; d++, panels *= 2) {
            double current = panels(f, a, b, panels);
            double scale = Math.max(Math.abs(current), scaleOf(f, a, b) * Math.abs(b - a) * 1e-3);
            if (Math.abs(current - previous) <= RELATIVE_TOLERANCE * scale) {
                return current;
            }
            previous = current;
        }
        throw new IllegalStateException("Gauss-Legendre quadrature on [" + a + ", " + b + "] did not settle");
    }

    /** The sum of the rule over n equal panels. */
    static double panels(DoubleUnaryOperator f, double a, double b, int n) {
        double width = (b - a) / n;
        double sum = 0;
        for (int p = 0; p < n; p++) {
            double mid = a + (p + 0.5) * width;
            double panel = 0;
            for (int k = 0; k < POINTS; k++) {
                panel += WEIGHTS[k] * f.applyAsDouble(mid + 0.5 * width * NODES[k]);
            }
            sum += 0.5 * width * panel;
        }
        return sum;
    }

    private static double scaleOf(DoubleUnaryOperator f, double a, double b) {
        return Math.max(Math.abs(f.applyAsDouble(a)), Math.abs(f.applyAsDouble(b)));
    }
}
