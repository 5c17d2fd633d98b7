package difflab.schedule;

/**
 * The cosine VP schedule (Nichol and Dhariwal) in DPM-Solver's continuous form (docs/ALGORITHMS.md §0.2, §7.6; VERIFIED from
 * dpm_solver_pytorch.py {@code NoiseScheduleVP('cosine')}):
 * <pre>
 *   log α_t = log cos(θ_t) − log cos(θ_0),   θ_t = ((t + s)/(1 + s))·π/2,   s = 0.008
 *   t(λ)    = θ(λ)·2(1 + s)/π − s,           cos θ(λ) = α(λ)·cos θ_0,   α(λ)² = 1/(1 + e^{−2λ})
 * </pre>
 *
 * <p><b>End time.</b> DPM-Solver ends the cosine schedule at T = 0.9946 because α → 0 at t = 1, and clips the half
 * log-SNR near T at λ = −5.1 ({@code numerical_clip_alpha}). Here T = min(0.9946, t(λ = −5.1)), so
 * λ<sub>T</sub> ≥ −5.1 always holds; in fact λ(0.9946) = −4.7776 and t(−5.1) = 0.99609, so T = 0.9946 and the clip
 * is inactive.
 *
 * <p><b>Stable evaluation (DERIVED; same functions as the published ones).</b> With δ = θ<sub>t</sub> − θ<sub>0</sub> =
 * (t/(1+s))·π/2 the forward map is evaluated as
 * log α = log1p(−2 sin²(δ/2) − tan θ<sub>0</sub>·sin δ), and the inverse as δ = atan2(sin δ, cos δ) with
 * sin δ = cos θ<sub>0</sub>·σ²/(sin θ + α sin θ<sub>0</sub>), cos δ = α cos²θ<sub>0</sub> + sin θ sin θ<sub>0</sub>,
 * sin θ = sqrt(sin²θ<sub>0</sub> + cos²θ<sub>0</sub>·σ²), σ² = 1/(1 + e<sup>2λ</sup>). Every sum has terms of one sign.
 * The published {@code log cos θ − log cos θ_0} and {@code acos(α cos θ_0)} cancel when α ≈ 1 and lose the round trip
 * t(λ(t)) and σ<sub>t</sub> at small t; CosineVpScheduleTest bounds both near t = 0.
 */
public record CosineVpSchedule() implements NoiseSchedule {
    public static final double S = 0.008;
    /** DPM-Solver's manual end time for the cosine schedule. */
    public static final double T_END = 0.9946;
    /** DPM-Solver's λ clipping value near t = T. */
    public static final double CLIPPED_LAMBDA = -5.1;
    public static final double DEFAULT_T0 = 1e-3;

    /** θ<sub>0</sub> = (s/(1+s))·π/2, the angle at t = 0. */
    private static final double THETA_0 = S / (1.0 + S) * Math.PI / 2.0;
    private static final double SIN_THETA_0 = Math.sin(THETA_0);
    private static final double COS_THETA_0 = Math.cos(THETA_0);
    private static final double TAN_THETA_0 = Math.tan(THETA_0);
    /** dδ/dt = π/(2(1+s)). */
    private static final double ANGLE_PER_TIME = Math.PI / (2.0 * (1.0 + S));

    @Override
    public String id() {
        return "cosine-vp";
    }

    @Override
    public double tMax() {
        return Math.min(T_END, timeOfLambda(CLIPPED_LAMBDA));
    }

    @Override
    public double tMinDefault() {
        return DEFAULT_T0;
    }

    /** log(cos(θ<sub>0</sub> + δ)/cos θ<sub>0</sub>) = log1p(−2 sin²(δ/2) − tan θ<sub>0</sub> sin δ), δ = t·π/(2(1+s)). */
    @Override
    public double logAlpha(double t) {
        double delta = t * ANGLE_PER_TIME;
        double halfSin = Math.sin(0.5 * delta);
        return Math.log1p(-2.0 * halfSin * halfSin - TAN_THETA_0 * Math.sin(delta));
    }

    /** The inverse of λ(t) via δ = atan2(sin δ, cos δ) (class comment); DPM-Solver's {@code inverse_lambda}. */
    @Override
    public double timeOfLambda(double lambda) {
        double alpha = Math.exp(NoiseSchedule.logAlphaOfLambda(lambda));
        double sigmaSquared = Math.exp(-NoiseSchedule.log1pExp(2.0 * lambda));
        double sinTheta = Math.sqrt(SIN_THETA_0 * SIN_THETA_0 + COS_THETA_0 * COS_THETA_0 * sigmaSquared);
        double sinDelta = COS_THETA_0 * sigmaSquared / (sinTheta + alpha * SIN_THETA_0);
        double cosDelta = alpha * COS_THETA_0 * COS_THETA_0 + sinTheta * SIN_THETA_0;
        return Math.atan2(sinDelta, cosDelta) / ANGLE_PER_TIME;
    }
}
