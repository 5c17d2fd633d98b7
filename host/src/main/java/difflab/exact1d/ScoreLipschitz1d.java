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
}
