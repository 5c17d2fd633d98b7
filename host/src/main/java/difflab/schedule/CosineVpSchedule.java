package difflab.schedule;

/**
 * The cosine VP schedule (Nichol and Dhariwal) in DPM-Solver's continuous form:
 * log α<sub>t</sub> = log cos(((t+s)/(1+s))·π/2) − log cos((s/(1+s))·π/2), with s = 0.008.
 *
 * <p>DPM-Solver ends the cosine schedule at T = 0.9946 because α → 0 at t = 1, and clips the half log-SNR
 * near T at λ = −5.1 (spec §0.2, §7.6; {@code numerical_clip_alpha} in dpm_solver_pytorch.py). Here
 * T = min(0.9946, t(λ = −5.1)), so λ<sub>T</sub> ≥ −5.1 always holds.
 */
public record CosineVpSchedule() implements NoiseSchedule {
    public static final double S = 0.008;
    /** DPM-Solver's manual end time for the cosine schedule. */
    public static final double T_END = 0.9946;
    /** DPM-Solver's λ clipping value near t = T. */
    public static final double CLIPPED_LAMBDA = -5.1;
    public static final double DEFAULT_T0 = 1e-3;

    private static final double LOG_ALPHA_0 = Math.log(Math.cos(S / (1.0 + S) * Math.PI / 2.0));

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

    @Override
    public double logAlpha(double t) {
        return Math.log(Math.cos((t + S) / (1.0 + S) * Math.PI / 2.0)) - LOG_ALPHA_0;
    }

    /** t = arccos(exp(log α + log α<sub>0</sub>))·2(1+s)/π − s, with log α from λ (DPM-Solver {@code inverse_lambda}). */
    @Override
    public double timeOfLambda(double lambda) {
        double logAlpha = NoiseSchedule.logAlphaOfLambda(lambda);
        return Math.acos(Math.exp(logAlpha + LOG_ALPHA_0)) * 2.0 * (1.0 + S) / Math.PI - S;
    }
}
