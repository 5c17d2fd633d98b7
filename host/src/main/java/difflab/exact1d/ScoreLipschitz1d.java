package difflab.exact1d;

import difflab.schedule.NoiseSchedule;
import difflab.target.Target;
import java.util.function.DoubleUnaryOperator;

/**
 * A numerical estimate of the score's Lipschitz constant L(t) = sup<sub>z</sub> |s<sub>t</sub>'(z)| of a 1-D target, the
 * input of {@link difflab.fors.TiltScaledGrid}: the maximum over the grid points of the central difference
 * |s(z + η) − s(z − η)|/(2η), η = {@value #DIFFERENCE_STEP}. s' is smooth, so on a grid much finer than its
 * variation this is accurate to a few digits, which is all a step-placement rule needs (it is not a bound).
 */
public final class ScoreLipschitz1d {
    /** Step η of the central difference. */
    public static final double DIFFERENCE_STEP = 1e-4;

    private ScoreLipschitz1d() {
    }

    /** max |s'(z)| over the grid points at (α, σ). */
    public static double estimate(Target target, double alpha, double sigma, Grid1d grid) {
        GridDensity.requireOneDimensional(target);
        double[] z = grid.coordinates();
        double[] up = new double[z.length];
        double[] down = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            up[i] = z[i] + DIFFERENCE_STEP;
            down[i] = z[i] - DIFFERENCE_STEP;
        }
        double[] su = ScoreCells.scores(target, alpha, sigma, up);
        double[] sd = ScoreCells.scores(target, alpha, sigma, down);
        double max = 0;
        for (int i = 0; i < z.length; i++) {
            max = Math.max(max, Math.abs(su[i] - sd[i]) / (2 * DIFFERENCE_STEP));
        }
        return max;
    }

    /** t ↦ L(t) along a schedule. */
    public static DoubleUnaryOperator overTime(Target target, NoiseSchedule schedule, Grid1d grid) {
        return t -> estimate(target, schedule.alpha(t), schedule.sigma(t), grid);
    }

    /** Lower end of the half log-SNR table of {@link #tabulated}. */
    public static final double TABLE_LAMBDA_MIN = -30.0;
    /** Upper end of the table. */
    public static final double TABLE_LAMBDA_MAX = 20.0;
    /** Points of the table. */
    public static final int TABLE_POINTS = 501;

    /**
     * L as a function of the half log-SNR λ (so independent of the schedule), tabulated once at
     * {@value #TABLE_POINTS} equally spaced λ in [{@value #TABLE_LAMBDA_MIN}, {@value #TABLE_LAMBDA_MAX}] and
     * interpolated linearly (clamped outside): cheap to query many times, e.g. by many grid builds.
     * α(λ)² = 1/(1 + e<sup>−2λ</sup>), σ² = 1 − α².
     */
    public static DoubleUnaryOperator tabulated(Target target, Grid1d grid) {
        double[] table = new double[TABLE_POINTS];
        double step = (TABLE_LAMBDA_MAX - TABLE_LAMBDA_MIN) / (TABLE_POINTS - 1);
        for (int k = 0; k < TABLE_POINTS; k++) {
            double lambda = TABLE_LAMBDA_MIN + k * step;
            double logAlpha = NoiseSchedule.logAlphaOfLambda(lambda);
            table[k] = estimate(target, Math.exp(logAlpha), Math.sqrt(-Math.expm1(2 * logAlpha)), grid);
        }
        return lambda -> {
            double u = (Math.max(TABLE_LAMBDA_MIN, Math.min(TABLE_LAMBDA_MAX, lambda)) - TABLE_LAMBDA_MIN) / step;
            int k = Math.min(TABLE_POINTS - 2, (int) Math.floor(u));
            double w = u - k;
            return (1 - w) * table[k] + w * table[k + 1];
        };
    }

    /** t ↦ L(λ(t)) for a table from {@link #tabulated}. */
    public static DoubleUnaryOperator overTime(DoubleUnaryOperator lipschitzOfLambda, NoiseSchedule schedule) {
        return t -> lipschitzOfLambda.applyAsDouble(schedule.lambda(t));
    }
}
