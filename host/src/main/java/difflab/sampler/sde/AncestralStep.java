package difflab.sampler.sde;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;
import java.util.function.Function;

/**
 * The ancestral step shared by the stochastic samplers: a deterministic move to a less noisy point followed by fresh
 * Gaussian noise,
 * <pre>
 *   x' = m(D(p)) + c·z,    z ~ N(0, I) of one noise stream, omitted when c = 0,
 * </pre>
 * with one model evaluation D at the stage point p (the state, or a randomised state for {@code li-sde}) at
 * t<sub>i</sub>. Each sampler supplies its mean m and noise size c (docs/ALGORITHMS.md §1.2 DDPM and Li et al.'s
 * form, §1.3 {@code li-sde}, §8.4 Euler ancestral, §8.5 DDIM with η); see {@link #program} and {@link #plusNoise}.
 *
 * <p>The record itself is k-diffusion's {@code get_ancestral_step} (crowsonkb/k-diffusion {@code sampling.py};
 * docs/ALGORITHMS.md §8.4): the split of a step from σ̃ to σ̃<sub>n</sub> (EDM's σ/α) into a deterministic step to
 * σ_down and fresh noise of size σ_up,
 * <pre>
 *   σ_up = min(σ̃_n, η·sqrt(σ̃_n²(σ̃² − σ̃_n²)/σ̃²)),   σ_down = sqrt(σ̃_n² − σ_up²).
 * </pre>
 */
record AncestralStep(double down, double up) {

    static AncestralStep of(double from, double to, double eta) {
        double up = Math.min(to, eta * Math.sqrt(to * to * (from * from - to * to) / (from * from)));
        return new AncestralStep(Math.sqrt(to * to - up * up), up);
    }

    /**
     * The program of step i: one stage D(p) at {@code stagePoint} and t<sub>i</sub>, then
     * {@code mean}(that evaluation) + {@code noiseScale}·z of {@code stream} ({@link #plusNoise}).
     */
    static StepProgram program(SamplingContext c, int i, LinearForm stagePoint, Function<EvalRef, LinearForm> mean,
                               int stream, double noiseScale) {
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef d = b.stage(stagePoint, c.t(i), c.alpha(i), c.sigma(i));
        return b.output(plusNoise(mean.apply(d), stream, noiseScale));
    }

    /** mean + scale·z of {@code stream}; exactly {@code mean} (no noise term, no draw) when scale is not positive. */
    static LinearForm plusNoise(LinearForm mean, int stream, double scale) {
        return scale > 0.0 ? mean.plus(LinearForm.noise(stream).times(scale)) : mean;
    }
}
