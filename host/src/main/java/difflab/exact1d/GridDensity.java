package difflab.exact1d;

import difflab.target.Target;
import java.util.function.DoubleUnaryOperator;

/**
 * A 1-D density represented by its values on a {@link Grid1d}; integrals are trapezoid sums h·Σ<sub>i</sub> f(z<sub>i</sub>)
 * (the end points carry weight h rather than h/2: the densities this class holds vanish there to far below
 * double precision, and the sum is then the spectrally accurate periodic trapezoid rule). Immutable.
 *
 * <p>KL is summed in the generalised form of {@link #klTerm}. Accuracy of the distances: KL integrands are smooth, so KL inherits the trapezoid rule's spectral accuracy;
 * |p − q| has kinks where p and q cross, where the trapezoid rule is only second order (Euler–Maclaurin: the jump
 * of the derivative at each crossing leaves an error of order h²·|f'|), so TV carries a <i>relative</i> error of
 * order (h/ℓ)², ℓ the length scale of p − q (bounded in {@code DensityPropagationTest}), which shifts a log-scale plot by nothing. Being relative, it does not put a
 * floor under small TVs.
 */
public final class GridDensity {
    /** Values at or below this are treated as zero in KL (log of a subnormal is meaningless). */
    public static final double ZERO_DENSITY = 1e-300;
    /** Below this |b/a − 1| the KL integrand uses ε − log1p(ε); above, logs of a and b separately. */
    static final double KL_SERIES_RANGE = 0.5;

    private final Grid1d grid;
    private final double[] values;

    private GridDensity(Grid1d grid, double[] values) {
        this.grid = grid;
        this.values = values;
    }

    /**
     * A density from its values (copied).
     *
     * @throws IllegalArgumentException on a length mismatch or a negative or non-finite value
     */
    public static GridDensity of(Grid1d grid, double[] values) {
        if (values.length != grid.points()) {
            throw new IllegalArgumentException("density has " + values.length + " values for a grid of " + grid.points()
                    + " points");
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && Double.isFinite(values[i]))) {
                throw new IllegalArgumentException("density value " + values[i] + " at z=" + grid.point(i)
                        + " is invalid; accepted: finite and >= 0");
            }
        }
        return new GridDensity(grid, values.clone());
    }

    /** Takes ownership of a freshly computed array (no copy, no checks beyond the length). */
    static GridDensity adopt(Grid1d grid, double[] values) {
        if (values.length != grid.points()) {
            throw new IllegalArgumentException("density has " + values.length + " values for a grid of " + grid.points()
                    + " points");
        }
        return new GridDensity(grid, values);
    }

    /** The density f sampled on the grid. */
    public static GridDensity sample(Grid1d grid, DoubleUnaryOperator density) {
        double[] v = new double[grid.points()];
        for (int i = 0; i < v.length; i++) {
            v[i] = density.applyAsDouble(grid.point(i));
        }
        return of(grid, v);
    }

    /** The standard normal N(0, 1), the prior of x<sub>T</sub> (docs/ALGORITHMS.md §7.6). */
    public static GridDensity standardNormal(Grid1d grid) {
        return sample(grid, z -> Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI));
    }

    /**
     * The law of α·x<sub>0</sub> + σ·z for a 1-D target (α = 1, σ = 0 gives p<sub>0</sub>), from its exact log-density.
     *
     * @throws IllegalArgumentException if the target is not 1-D
     */
    public static GridDensity ofTarget(Target target, double alpha, double sigma, Grid1d grid) {
        requireOneDimensional(target);
        double[] point = new double[1];
        return sample(grid, z -> {
            point[0] = z;
            return Math.exp(target.logDensity(alpha, sigma, point));
        });
    }

    static void requireOneDimensional(Target target) {
        if (target.dimension() != 1) {
            throw new IllegalArgumentException("the exact 1-D evaluation needs a 1-D target, got " + target.id()
                    + " of dimension " + target.dimension());
        }
    }

    public Grid1d grid() {
        return grid;
    }

    /** The values (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** Value at grid point i. */
    public double value(int i) {
        return values[i];
    }

    /** ∫p. */
    public double mass() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s * grid.spacing();
    }

    /** ∫z·p / ∫p. */
    public double mean() {
        double s = 0;
        double m = 0;
        for (int i = 0; i < values.length; i++) {
            s += values[i];
            m += values[i] * grid.point(i);
        }
        return m / s;
    }

    /** ∫(z − mean)²·p / ∫p. */
    public double variance() {
        double mu = mean();
        double s = 0;
        double v = 0;
        for (int i = 0; i < values.length; i++) {
            double c = grid.point(i) - mu;
            s += values[i];
            v += values[i] * c * c;
        }
        return v / s;
    }

    /** TV and both KLs of this density (the model p) against {@code reference} (q), on the same grid. */
    public DensityError errorAgainst(GridDensity reference) {
        if (!reference.grid.equals(grid)) {
            throw new IllegalArgumentException("densities live on different grids: " + grid + " vs " + reference.grid);
        }
        double h = grid.spacing();
        double tv = 0;
        double klQp = 0;
        double klPq = 0;
        for (int i = 0; i < values.length; i++) {
            double p = values[i];
            double q = reference.values[i];
            tv += Math.abs(p - q);
            klQp += klTerm(q, p);
            klPq += klTerm(p, q);
        }
        return new DensityError(0.5 * h * tv, h * klQp, h * klPq);
    }

    /**
     * The KL integrand in its generalised (unnormalised-measure) form a·log(a/b) − a + b = a·(ε − log1p(ε)),
     * ε = b/a − 1, which is ≥ 0 pointwise and integrates to KL(a ‖ b) when both masses are 1. Two reasons for this
     * form: the grid masses are 1 only to about 1e-13, and a mass error m shifts Σ a·log(a/b) by −m but the
     * generalised form only by O(m²); and ε − log1p(ε) ≈ ε²/2 is evaluated without the cancellation that makes
     * Σ a·log(a/b) useless below about 1e-15. Where a ≤ {@link #ZERO_DENSITY} the term is b; b is raised to
     * ZERO_DENSITY, so a kernel row truncated where its values underflow gives a large term rather than an
     * infinite one where it matters and a negligible one where it does not.
     */
    static double klTerm(double a, double b) {
        if (a <= ZERO_DENSITY) {
            return b;
        }
        double bb = Math.max(b, ZERO_DENSITY);
        double eps = bb / a - 1.0;
        if (Math.abs(eps) < KL_SERIES_RANGE) {
            return a * (eps - Math.log1p(eps));
        }
        return a * (Math.log(a) - Math.log(bb)) - a + bb;
    }
}
