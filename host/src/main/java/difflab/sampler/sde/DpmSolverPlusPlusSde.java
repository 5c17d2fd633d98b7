package difflab.sampler.sde;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * DPM-Solver++ SDE, k-diffusion's {@code sample_dpmpp_sde} (crowsonkb/k-diffusion {@code sampling.py}; Lu et al.
 * 2022b, singlestep second order with ancestral noise), r = ½, η = 1. With λ = −log σ̃ (σ̃ = σ/α, x̃ = x/α),
 * h = λ<sub>n</sub> − λ, s = λ + r·h and (σ_d, σ_u) = {@link AncestralStep} of each sub-interval:
 * <pre>
 *   stage:  (σ_d1, σ_u1) = anc(σ̃, e^{−s}):        x̃₂ = (σ_d1/σ̃)·x̃ + (1 − σ_d1/σ̃)·D + σ_u1·z₁,    D₂ = D(x̃₂, e^{−s})
 *   output: (σ_d2, σ_u2) = anc(σ̃, σ̃_n):           x̃' = (σ_d2/σ̃)·x̃ + (1 − σ_d2/σ̃)·((1 − 1/2r)·D + (1/2r)·D₂) + σ_u2·z₂
 * </pre>
 * (k-diffusion writes σ_d/σ̃ − 1 as −expm1(λ − λ_d)). Its noise comes from one Brownian tree in σ̃, so z₁ and z₂ are
 * the normalised increments of the same path over [e<sup>−s</sup>, σ̃] and [σ̃<sub>n</sub>, σ̃]: with Δ₁ = σ̃ − e<sup>−s</sup>,
 * Δ₂ = e<sup>−s</sup> − σ̃<sub>n</sub> and independent standard normals u₁ (stream 0), u₂ (stream 1),
 * z₁ = u₁ and z₂ = (√Δ₁·u₁ + √Δ₂·u₂)/√(Δ₁ + Δ₂). x' = α<sub>n</sub>·x̃'. 2 NFE per step; nominal weak order 1
 * (ancestral noise). Source and certainty: docs/ALGORITHMS.md §8.13.
 */
public record DpmSolverPlusPlusSde() implements Sampler {
    /** k-diffusion's r. */
    static final double R = 0.5;
    /** k-diffusion's default η. */
    static final double ETA = 1.0;

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("dpmpp-sde",
                "DPM-Solver++ SDE (k-diffusion), r=1/2, eta=1, one Brownian path per step",
                "Lu et al. 2022b (DPM-Solver++); k-diffusion sampling.py sample_dpmpp_sde with BrownianTreeNoiseSampler",
                1, 2, 0)
                .withStochastic(true);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        double sigma = c.noiseToSignal(i);
        double sigmaNext = c.noiseToSignal(i + 1);
        double h = c.h(i);
        double sigmaS = Math.exp(-(c.lambda(i) + R * h));
        NoiseLevel mid = NoiseLevel.ofNoiseToSignal(c.schedule(), sigmaS);
        AncestralStep first = AncestralStep.of(sigma, sigmaS, ETA);
        AncestralStep second = AncestralStep.of(sigma, sigmaNext, ETA);
        double delta1 = sigma - sigmaS;
        double delta2 = sigmaS - sigmaNext;
        LinearForm z1 = LinearForm.noise(0);
        LinearForm z2 = LinearForm.noise(0).times(Math.sqrt(delta1)).plus(LinearForm.noise(1).times(Math.sqrt(delta2)))
                .times(1.0 / Math.sqrt(delta1 + delta2));
        StepProgram.Builder b = StepProgram.builder(i);
        LinearForm x = LinearForm.state().times(1.0 / c.alpha(i));
        EvalRef d0 = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        LinearForm m0 = LinearForm.model(d0);
        double ratio1 = first.down() / sigma;
        LinearForm x2 = x.times(ratio1).plus(m0.times(1.0 - ratio1)).plus(z1.times(first.up()));
        EvalRef d2 = b.stage(x2.times(mid.alpha()), mid.time(), mid.alpha(), mid.sigma());
        double fac = 1.0 / (2.0 * R);
        LinearForm denoised = m0.times(1.0 - fac).plus(LinearForm.model(d2).times(fac));
        double ratio2 = second.down() / sigma;
        LinearForm out = x.times(ratio2).plus(denoised.times(1.0 - ratio2)).plus(z2.times(second.up()));
        return b.output(out.times(c.alpha(i + 1)));
    }
}
