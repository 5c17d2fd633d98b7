package difflab.schedule;

import java.util.Arrays;

/**
 * A schedule given by a discrete β sequence, made continuous by linear interpolation of log α in t
 * (docs/ALGORITHMS.md §0.2, DPM-Solver's {@code NoiseScheduleVP('discrete')}).
 *
 * <p>Knots: log α<sub>n</sub> = ½ Σ<sub>k≤n</sub> log(1−β<sub>k</sub>) at knot times t<sub>n</sub>. Two conventions exist
 * and both are factories here:
 * <ul>
 * <li>{@link #ddpmLinear}, {@link #fromBetasDpmSolver}: DPM-Solver's convention (docs/ALGORITHMS.md §0.2, VERIFIED from
 * dpm_solver_pytorch.py {@code NoiseScheduleVP('discrete')}): λ is clipped near T at −5.1 by dropping the knots
 * whose λ is below it ({@code numerical_clip_alpha}), then the N' knots that remain sit at t<sub>n</sub> = (n+1)/N',
 * so T = 1 and the recommended end is t<sub>0</sub> = 1/N'. For Ho et al.'s linear β (N = 1000) nothing is clipped
 * (λ<sub>1</sub> = −5.0588), so N' = N.</li>
 * <li>{@link #liEtAl}: the discrete chain of Li et al. (docs/ALGORITHMS.md §1.1), knots t<sub>n</sub> = n/T for n = 0..T with
 * ᾱ<sub>0</sub> = 1 (the data), so the uniform-time grid with T steps visits exactly X<sub>T</sub>, …, X<sub>1</sub> and the
 * sampler's output is the law of X<sub>1</sub>, the target of that paper's analysis.</li>
 * </ul>
 * Between knots log α is linear in t. The schedule is defined on [t<sub>first knot</sub>, T] ({@link #tMin()}), or on
 * (0, T] when the first knot is the data (ᾱ = 1 at t = 0, as for {@link #liEtAl}): DPM-Solver's
 * {@code interpolate_fn} extrapolates the first segment below 1/N, but for the linear DDPM β that extrapolation
 * turns log α positive below t ≈ 1.7e-4 and σ becomes NaN, so such times are rejected instead.
 */
public final class DiscreteSchedule implements NoiseSchedule {
    /** DPM-Solver's clipping of λ near T for discrete schedules. */
    public static final double CLIPPED_LAMBDA = -5.1;
    public static final double DDPM_BETA_START = 1e-4;
    public static final double DDPM_BETA_END = 0.02;
    public static final int DDPM_STEPS = 1000;
    /** The smallest T accepted by {@link #liEtAl}. */
    public static final int LI_MIN_STEPS = 2;

    private final String id;
    private final double[] knotTimes;
    private final double[] knotLogAlphas;
    /** −log α at the knots, increasing: the abscissae of the inverse interpolation. */
    private final double[] knotMinusLogAlphas;
    private final double tMinDefault;

    private DiscreteSchedule(String id, double[] knotTimes, double[] knotLogAlphas, double tMinDefault) {
        this.id = id;
        this.knotTimes = knotTimes;
        this.knotLogAlphas = knotLogAlphas;
        this.knotMinusLogAlphas = new double[knotLogAlphas.length];
        for (int i = 0; i < knotLogAlphas.length; i++) {
            knotMinusLogAlphas[i] = -knotLogAlphas[i];
        }
        this.tMinDefault = tMinDefault;
    }

    /** Ho et al.'s training schedule: β linear from 1e-4 to 0.02 over N = 1000 steps. */
    public static DiscreteSchedule ddpmLinear() {
        double[] betas = new double[DDPM_STEPS];
        for (int k = 0; k < DDPM_STEPS; k++) {
            betas[k] = DDPM_BETA_START + (DDPM_BETA_END - DDPM_BETA_START) * k / (DDPM_STEPS - 1);
        }
        return fromBetasDpmSolver("ddpm-linear", betas);
    }

    /**
     * DPM-Solver's discrete convention for an arbitrary β sequence: log α<sub>n</sub> = ½ Σ<sub>k≤n</sub> log(1−β<sub>k</sub>),
     * the knots with λ &lt; {@link #CLIPPED_LAMBDA} dropped from the noisy end, and the N' that remain placed at
     * t<sub>n</sub> = (n+1)/N' (the official code recomputes {@code total_N} and {@code t_array} after clipping).
     * At least 2 knots are kept.
     */
    public static DiscreteSchedule fromBetasDpmSolver(String id, double[] betas) {
        validateBetas(betas);
        double[] logAlphas = cumulativeLogAlphas(betas);
        int keep = logAlphas.length;
        while (keep > 2 && lambdaOf(logAlphas[keep - 1]) < CLIPPED_LAMBDA) {
            keep--;
        }
        double[] times = new double[keep];
        for (int k = 0; k < keep; k++) {
            times[k] = (k + 1.0) / keep;
        }
        return new DiscreteSchedule(id, times, Arrays.copyOf(logAlphas, keep), 1.0 / keep);
    }

    /**
     * The learning-rate schedule of Li et al. (docs/ALGORITHMS.md §1.1, UNVERIFIED verbatim; the standard schedule of that
     * line of work): β<sub>1</sub> = T<sup>−c0</sup>, β<sub>t+1</sub> = (c<sub>1</sub> log T/T)·min{β<sub>1</sub>(1 + c<sub>1</sub> log T/T)<sup>t</sup>, 1}
     * for t = 1..T−1. Knots t<sub>n</sub> = n/T for n = 0..T, with ᾱ<sub>0</sub> = 1.
     *
     * <p>The worked values of docs/ALGORITHMS.md §1.1 (geometric growth to a plateau near t ≈ (c0/c1)·T,
     * ᾱ<sub>T</sub> ≈ T<sup>−(c1−c0)</sup>) are checked by LiScheduleTest.
     *
     * @throws IllegalArgumentException when T &lt; 2, c0 ≤ 0, c1 ≤ c0, or some β ≥ 1 (T too small for c1)
     */
    public static DiscreteSchedule liEtAl(int steps, double c0, double c1) {
        double[] betas = liBetas(steps, c0, c1);
        double[] logAlphas = new double[steps + 1];
        double[] times = new double[steps + 1];
        double[] cumulative = cumulativeLogAlphas(betas);
        for (int n = 1; n <= steps; n++) {
            logAlphas[n] = cumulative[n - 1];
            times[n] = (double) n / steps;
        }
        return new DiscreteSchedule(String.format("li(T=%d,c0=%s,c1=%s)", steps, c0, c1), times, logAlphas,
                1.0 / steps);
    }

    /**
     * The β<sub>1</sub>..β<sub>T</sub> of {@link #liEtAl}.
     *
     * @throws IllegalArgumentException when T &lt; 2, c0 ≤ 0, c1 ≤ c0 (not finite included), or some β ≥ 1
     */
    public static double[] liBetas(int steps, double c0, double c1) {
        if (steps < LI_MIN_STEPS) {
            throw new IllegalArgumentException("Li et al. schedule needs T >= " + LI_MIN_STEPS + " steps, got T="
                    + steps);
        }
        if (!(c0 > 0 && c1 > c0 && Double.isFinite(c1))) {
            throw new IllegalArgumentException("Li et al. schedule constants c0=" + c0 + ", c1=" + c1
                    + " are invalid; accepted: finite 0 < c0 < c1 (alpha-bar_T ~ T^-(c1-c0))");
        }
        double rate = c1 * Math.log(steps) / steps;
        double beta1 = Math.pow(steps, -c0);
        double[] betas = new double[steps];
        betas[0] = beta1;
        for (int t = 1; t < steps; t++) {
            betas[t] = rate * Math.min(beta1 * Math.pow(1.0 + rate, t), 1.0);
        }
        for (int t = 0; t < steps; t++) {
            if (!(betas[t] < 1.0)) {
                throw new IllegalArgumentException("Li et al. schedule with T=" + steps + ", c1=" + c1 + " gives beta_"
                        + (t + 1) + "=" + betas[t] + " >= 1; accepted: c1*log(T)/T < 1 (increase T or lower c1)");
            }
        }
        return betas;
    }

    private static void validateBetas(double[] betas) {
        if (betas.length < 2) {
            throw new IllegalArgumentException("a discrete schedule needs at least 2 betas, got " + betas.length);
        }
        for (int k = 0; k < betas.length; k++) {
            if (!(betas[k] > 0 && betas[k] < 1)) {
                throw new IllegalArgumentException("beta_" + (k + 1) + "=" + betas[k] + " is outside (0, 1)");
            }
        }
    }

    private static double[] cumulativeLogAlphas(double[] betas) {
        double[] out = new double[betas.length];
        double sum = 0.0;
        for (int k = 0; k < betas.length; k++) {
            sum += 0.5 * Math.log1p(-betas[k]);
            out[k] = sum;
        }
        return out;
    }

    private static double lambdaOf(double logAlpha) {
        return logAlpha - 0.5 * Math.log(-Math.expm1(2.0 * logAlpha));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public double tMax() {
        return knotTimes[knotTimes.length - 1];
    }

    @Override
    public double tMinDefault() {
        return tMinDefault;
    }

    /** The first knot's time, or 0 when the first knot is the data (log α = 0 there). */
    @Override
    public double tMin() {
        return knotLogAlphas[0] == 0.0 ? 0.0 : knotTimes[0];
    }

    /** The knot times (a copy). */
    public double[] knotTimes() {
        return knotTimes.clone();
    }

    /** ᾱ at knot n, i.e. exp(2 log α<sub>n</sub>) (a discrete chain's ᾱ<sub>t</sub>). */
    public double alphaBarAtKnot(int n) {
        return Math.exp(2.0 * knotLogAlphas[n]);
    }

    @Override
    public double logAlpha(double t) {
        return interpolate(t, knotTimes, knotLogAlphas);
    }

    /** Inverse by interpolation of t against log α (which decreases in t), as DPM-Solver's {@code inverse_lambda}. */
    @Override
    public double timeOfLambda(double lambda) {
        return interpolate(-NoiseSchedule.logAlphaOfLambda(lambda), knotMinusLogAlphas, knotTimes);
    }

    /** Piecewise-linear interpolation on increasing knots xs, linear extrapolation beyond the ends (DPM-Solver). */
    private static double interpolate(double x, double[] xs, double[] ys) {
        int m = xs.length;
        int hi;
        if (x <= xs[0]) {
            hi = 1;
        } else if (x >= xs[m - 1]) {
            hi = m - 1;
        } else {
            int pos = Arrays.binarySearch(xs, x);
            if (pos >= 0) {
                return ys[pos];
            }
            hi = -pos - 1;
        }
        int lo = hi - 1;
        double w = (x - xs[lo]) / (xs[hi] - xs[lo]);
        return ys[lo] + w * (ys[hi] - ys[lo]);
    }
}
