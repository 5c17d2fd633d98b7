package difflab.sampler.sde;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * k-diffusion's DPM2 ({@code sample_dpm_2}, churn 0) and DPM2 ancestral ({@code sample_dpm_2_ancestral}), after
 * Karras et al. 2022 (EDM) Algorithm 2 with the midpoint at the geometric mean of the noise levels
 * (crowsonkb/k-diffusion {@code sampling.py}). In EDM coordinates x̃ = x/α, σ̃ = σ/α, with
 * (σ_down, σ_up) = {@link AncestralStep} (σ_down = σ̃<sub>n</sub>, σ_up = 0 for η = 0):
 * <pre>
 *   σ_mid = exp(½(log σ̃ + log σ_down)),  d = (x̃ − D(x̃, σ̃))/σ̃,  x̃₂ = x̃ + (σ_mid − σ̃)·d
 *   d₂ = (x̃₂ − D(x̃₂, σ_mid))/σ_mid,    x̃' = x̃ + (σ_down − σ̃)·d₂ + σ_up·z
 * </pre>
 * and x' = α<sub>n</sub>·x̃'. 2 NFE per step. Nominal order 2 for η = 0 (the midpoint rule); with noise the ancestral
 * split makes the weak order 1. Source and certainty: docs/ALGORITHMS.md §8.12.
 *
 * @param eta η ≥ 0: 0 gives DPM2, k-diffusion's default 1 gives DPM2 ancestral
 */
public record KDiffusionDpm2(double eta) implements Sampler {

    public KDiffusionDpm2 {
        if (!(eta >= 0.0 && Double.isFinite(eta))) {
            throw new IllegalArgumentException("DPM2 eta=" + eta + "; accepted: finite eta >= 0");
        }
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of(eta == 0.0 ? "dpm2" : eta == 1.0 ? "dpm2-ancestral" : "dpm2-ancestral(eta=" + eta + ")",
                eta == 0.0 ? "DPM2 (k-diffusion), midpoint in sigma" : "DPM2 ancestral (k-diffusion), eta=" + eta,
                "Crowson, k-diffusion sampling.py " + (eta == 0.0 ? "sample_dpm_2" : "sample_dpm_2_ancestral")
                        + "; Karras et al. 2022 Algorithm 2",
                eta == 0.0 ? 2 : 1, 2, 0)
                .withStochastic(eta > 0.0);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        double sigma = c.noiseToSignal(i);
        AncestralStep split = AncestralStep.of(sigma, c.noiseToSignal(i + 1), eta);
        double sigmaMid = Math.exp(0.5 * (Math.log(sigma) + Math.log(split.down())));
        NoiseLevel mid = NoiseLevel.ofNoiseToSignal(c.schedule(), sigmaMid);
        StepProgram.Builder b = StepProgram.builder(i);
        LinearForm x = LinearForm.state().times(1.0 / c.alpha(i));
        EvalRef d0 = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        LinearForm slope = x.minus(LinearForm.model(d0)).times(1.0 / sigma);
        LinearForm x2 = x.plus(slope.times(sigmaMid - sigma));
        EvalRef d2 = b.stage(x2.times(mid.alpha()), mid.time(), mid.alpha(), mid.sigma());
        LinearForm slope2 = x2.minus(LinearForm.model(d2)).times(1.0 / sigmaMid);
        LinearForm out = AncestralStep.plusNoise(x.plus(slope2.times(split.down() - sigma)), 0, split.up());
        return b.output(out.times(c.alpha(i + 1)));
    }
}
