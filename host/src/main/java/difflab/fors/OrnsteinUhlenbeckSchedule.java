package difflab.fors;

import difflab.schedule.NoiseSchedule;

/**
 * The Ornstein–Uhlenbeck forward process dX = −X dt + √2 dB, i.e. the VP schedule log α<sub>t</sub> = −t,
 * σ<sub>t</sub>² = 1 − e<sup>−2t</sup>, on (0, T] with a free horizon T: the process of the high-accuracy sampling
 * analyses (docs/ALGORITHMS.md §6.3, where the horizon and the early-stopping time are both O(log(1/δ))). The standard linear
 * VP schedule stops at T = 1 (α<sub>1</sub>² ≈ 4e-5), which puts a floor under every error below that; this one
 * lets the horizon grow. Half log-SNR λ = −t − ½log(1 − e<sup>−2t</sup>), so e<sup>2t</sup> = 1 + e<sup>−2λ</sup> and
 * t(λ) = ½·log(1 + e<sup>−2λ</sup>) (DERIVED, exact).
 *
 * @param horizon T &gt; 0
 */
public record OrnsteinUhlenbeckSchedule(double horizon) implements NoiseSchedule {
    /** End time recommended when none is given (the value difflab uses for the linear VP schedule). */
    public static final double DEFAULT_T0 = 1e-3;

    public OrnsteinUhlenbeckSchedule {
        if (!(horizon > 0 && Double.isFinite(horizon))) {
            throw new IllegalArgumentException("OU horizon T=" + horizon + " is invalid; accepted: 0 < T < infinity");
        }
    }

    @Override
    public String id() {
        return "ou(T=" + horizon + ")";
    }

    @Override
    public double tMax() {
        return horizon;
    }

    @Override
    public double tMinDefault() {
        return DEFAULT_T0;
    }

    @Override
    public double logAlpha(double t) {
        return -t;
    }

    @Override
    public double timeOfLambda(double lambda) {
        return 0.5 * NoiseSchedule.log1pExp(-2.0 * lambda);
    }
}
