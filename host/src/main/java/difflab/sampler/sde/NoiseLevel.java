package difflab.sampler.sde;

import difflab.schedule.NoiseSchedule;

/**
 * A VP noise level given by EDM's σ̃ = σ/α (docs/ALGORITHMS.md §0.2), for stage evaluations at off-grid levels such as the churned
 * σ̂ = σ̃(1+γ) of EDM and RES: λ = −log σ̃, α = 1/sqrt(1 + σ̃²) (computed as exp(−½ log(1 + e<sup>−2λ</sup>))),
 * σ = α·σ̃, and the schedule time t(λ) (informational; the churned level of the first step may lie slightly above
 * t<sub>T</sub>, where the schedule's formula is extrapolated).
 */
record NoiseLevel(double lambda, double time, double alpha, double sigma) {

    /** The level with noise-to-signal ratio σ̃ on the given schedule. */
    static NoiseLevel ofNoiseToSignal(NoiseSchedule schedule, double noiseToSignal) {
        if (!(noiseToSignal > 0.0 && Double.isFinite(noiseToSignal))) {
            throw new IllegalArgumentException("noise-to-signal ratio " + noiseToSignal + " is invalid; accepted: > 0");
        }
        double lambda = -Math.log(noiseToSignal);
        double alpha = Math.exp(NoiseSchedule.logAlphaOfLambda(lambda));
        return new NoiseLevel(lambda, schedule.timeOfLambda(lambda), alpha, alpha * noiseToSignal);
    }
}
