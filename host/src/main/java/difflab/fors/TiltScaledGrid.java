package difflab.fors;

import difflab.grid.TimeGrid;
import difflab.schedule.NoiseSchedule;
import java.util.function.DoubleUnaryOperator;

/**
 * A FORS step schedule that keeps the tilt of every step at the same size (docs/ALGORITHMS.md §6.3: "choose steps with
 * b² ≍ 1/(L d)", UNVERIFIED as to the paper's exact rule). The tilt estimate is |W| ≲ L<sub>t</sub>·||x − y||² ~
 * L<sub>t</sub>·d·b², so the grid places its times so that every step has b<sub>k</sub>² ≈ c/(L(t)·d), where L(t) is the
 * Lipschitz constant of the score at time t (given as a function) and c the tilt scale. With
 * b² ≈ 2·Δ(−log α) for small steps, the steps are uniform in
 * <pre>  Φ(t) = ∫_{t_0}^{t} L(u)·d·2·d(−log α_u),    N = ceil(Φ(t_T)/c),    t_i = Φ⁻¹(Φ(t_T)·(1 − i/N)).</pre>
 * Φ is integrated by the trapezoid rule on {@value #RESOLUTION} points spaced uniformly in log t, and inverted by
 * linear interpolation: the grid is a placement rule, not a quantity measured against, so this accuracy is
 * ample. Its end points are exactly t<sub>T</sub> and t<sub>0</sub>.
 *
 * @param tiltScale  c &gt; 0 (the smaller, the more steps and the smaller each step's tilt)
 * @param dimension  d ≥ 1
 * @param lipschitz  t ↦ L(t) &gt; 0
 */
public record TiltScaledGrid(double tiltScale, int dimension, DoubleUnaryOperator lipschitz) {
    /** Points of the fine log-t grid on which Φ is integrated. */
    public static final int RESOLUTION = 2048;
    /** Largest step count the grid may produce. */
    public static final int MAX_STEPS = 1_000_000;

    public TiltScaledGrid {
        if (!(tiltScale > 0 && Double.isFinite(tiltScale))) {
            throw new IllegalArgumentException("tilt scale c=" + tiltScale + " is invalid; accepted: 0 < c < infinity");
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension d=" + dimension + " is invalid; accepted: d >= 1");
        }
        if (lipschitz == null) {
            throw new IllegalArgumentException("the Lipschitz function L(t) is null");
        }
    }

    /** Stable identifier used in results. */
    public String id() {
        return "tilt-scaled(c=" + tiltScale + ")";
    }

    /**
     * The grid from t<sub>T</sub> = {@code start} down to t<sub>0</sub> = {@code end}.
     *
     * @throws IllegalArgumentException for times outside the schedule, end ≥ start, or an L(t) that is not positive
     *                                  and finite
     */
    public TimeGrid build(NoiseSchedule schedule, double start, double end) {
        schedule.requireTime("t_T", start);
        schedule.requireTime("t_0", end);
        if (!(end < start)) {
            throw new IllegalArgumentException("t_0=" + end + " must be below t_T=" + start);
        }
        double[] t = new double[RESOLUTION + 1];
        double[] phi = new double[RESOLUTION + 1];
        double logEnd = Math.log(end);
        double logStart = Math.log(start);
        double previousL = lipschitzAt(end);
        t[0] = end;
        for (int j = 1; j <= RESOLUTION; j++) {
            t[j] = j == RESOLUTION ? start : Math.exp(logEnd + (logStart - logEnd) * j / RESOLUTION);
            double l = lipschitzAt(t[j]);
            double dMinusLogAlpha = schedule.logAlpha(t[j - 1]) - schedule.logAlpha(t[j]);
            phi[j] = phi[j - 1] + 0.5 * (l + previousL) * dimension * 2.0 * dMinusLogAlpha;
            previousL = l;
        }
        double total = phi[RESOLUTION];
        double steps = Math.ceil(total / tiltScale);
        if (!(steps <= MAX_STEPS)) {
            throw new IllegalArgumentException("tilt scale c=" + tiltScale + " needs " + steps + " steps; accepted: at most "
                    + MAX_STEPS + " (raise c or shorten the horizon)");
        }
        int n = Math.max(1, (int) steps);
        double[] times = new double[n + 1];
        times[0] = start;
        times[n] = end;
        int j = RESOLUTION;
        for (int i = 1; i < n; i++) {
            double target = total * (1.0 - (double) i / n);
            while (j > 1 && phi[j - 1] > target) {
                j--;
            }
            double w = (target - phi[j - 1]) / (phi[j] - phi[j - 1]);
            times[i] = t[j - 1] + w * (t[j] - t[j - 1]);
        }
        return TimeGrid.of(schedule, times);
    }

    private double lipschitzAt(double t) {
        double l = lipschitz.applyAsDouble(t);
        if (!(l > 0 && Double.isFinite(l))) {
            throw new IllegalArgumentException("Lipschitz constant L(t=" + t + ")=" + l
                    + " is invalid; accepted: 0 < L < infinity");
        }
        return l;
    }
}
