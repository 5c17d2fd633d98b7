package difflab.sampler.sde;

import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * Ancestral sampling with Euler steps, k-diffusion's {@code sample_euler_ancestral} with
 * {@code get_ancestral_step} (VERIFIED from crowsonkb/k-diffusion {@code sampling.py}). In EDM coordinates
 * x̃ = x/α, σ̃ = σ/α (docs/ALGORITHMS.md §0.2), from σ̃ to σ̃<sub>n</sub>, with (σ_down, σ_up) =
 * {@link AncestralStep}:
 * <pre>
 *   σ_up   = min(σ̃_n, η·sqrt(σ̃_n²(σ̃² − σ̃_n²)/σ̃²)),   σ_down = sqrt(σ̃_n² − σ_up²)
 *   x̃'    = x̃ + (σ_down − σ̃)·(x̃ − D)/σ̃ + σ_up·z  =  (σ_down/σ̃)·x̃ + (1 − σ_down/σ̃)·D + σ_up·z
 * </pre>
 * and x' = α<sub>n</sub>·x̃' in VP coordinates. The noise is skipped only when σ̃<sub>n</sub> = 0, which a VP grid never
 * reaches. With η = 1 the Euler step to σ_down followed by σ_up noise is the first-order discretisation of the
 * reverse SDE in σ̃.
 *
 * <p>1 NFE per step. Nominal weak order 1.
 *
 * @param eta η ≥ 0 (k-diffusion default 1)
 */
public record EulerAncestral(double eta) implements Sampler {
    /** k-diffusion's default η. */
    public static final double DEFAULT_ETA = 1.0;

    public EulerAncestral {
        if (!(eta >= 0.0 && Double.isFinite(eta))) {
            throw new IllegalArgumentException("Euler ancestral eta=" + eta + "; accepted: finite eta >= 0");
        }
    }

    /** η = {@link #DEFAULT_ETA}. */
    public EulerAncestral() {
        this(DEFAULT_ETA);
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of(eta == DEFAULT_ETA ? "euler-ancestral" : "euler-ancestral(eta=" + eta + ")",
                "Euler ancestral (k-diffusion), eta=" + eta,
                "Crowson, k-diffusion sampling.py sample_euler_ancestral / get_ancestral_step",
                1, 1, 0)
                .withStochastic(eta > 0.0);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        double sigma = c.noiseToSignal(i);
        AncestralStep split = AncestralStep.of(sigma, c.noiseToSignal(i + 1), eta);
        double ratio = split.down() / sigma;
        double alphaNext = c.alpha(i + 1);
        return AncestralStep.program(c, i, LinearForm.state(), d0 -> LinearForm.state()
                .times(alphaNext * ratio / c.alpha(i)).plus(LinearForm.model(d0).times(alphaNext * (1.0 - ratio))),
                0, alphaNext * split.up());
    }
}
