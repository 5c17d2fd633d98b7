package difflab.sampler.sde;

import difflab.math.Phi;
import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * DPM-Solver++(3M) SDE, k-diffusion's {@code sample_dpmpp_3m_sde} (crowsonkb/k-diffusion {@code sampling.py}), data
 * prediction, η = 1. With h = λ<sub>n</sub> − λ, H = (1 + η)h, r<sub>0</sub> = h<sub>−1</sub>/h, r<sub>1</sub> = h<sub>−2</sub>/h and the divided
 * differences of DPM-Solver++(3M) ({@code DpmSolverPlusPlusMultistep}):
 * <pre>
 *   x' = (σ_n/σ)·e^{−ηh}·x + α_n(1 − e^{−H})·D_0 + α_n·φ₂·D1 − α_n·φ₃·D2 + σ_n·sqrt(1 − e^{−2ηh})·z
 *   φ₂ = expm1(−H)/H + 1 = H·φ₂(−H),   φ₃ = φ₂/H − ½ = −H·φ₃(−H)
 * </pre>
 * (k-diffusion's x is x/α; here x' is written in VP coordinates.) Step 0 uses D<sub>0</sub> only, step 1 adds
 * φ₂·(D<sub>0</sub> − D<sub>−1</sub>)/r<sub>0</sub>; no lowering at the end. 1 NFE per step. k-diffusion states no order; the
 * nominal weak order here is that of its deterministic part, 3. Source and certainty: docs/ALGORITHMS.md §8.14.
 */
public record DpmSolverPlusPlus3MSde() implements Sampler {
    /** k-diffusion's default η. */
    static final double ETA = 1.0;

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("dpmpp-3m-sde",
                "DPM-Solver++(3M) SDE (k-diffusion), eta=1",
                "Lu et al. 2022b (DPM-Solver++), SDE variant; k-diffusion sampling.py sample_dpmpp_3m_sde",
                3, 1, 2)
                .withStochastic(true);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        double h = c.h(i);
        double etaH = ETA * h;
        double bigH = h + etaH;
        double alphaNext = c.alpha(i + 1);
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef e0 = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        LinearForm m0 = LinearForm.model(e0);
        LinearForm out = LinearForm.state().times(c.sigma(i + 1) / c.sigma(i) * Math.exp(-etaH))
                .plus(m0.times(alphaNext * bigH * Phi.phi1(bigH)));
        double phi2 = bigH * Phi.phi2(bigH);
        if (i >= 2) {
            double r0 = (c.lambda(i) - c.lambda(i - 1)) / h;
            double r1 = (c.lambda(i - 1) - c.lambda(i - 2)) / h;
            LinearForm m1 = LinearForm.model(EvalRef.atGridPoint(c, i - 1));
            LinearForm m2 = LinearForm.model(EvalRef.atGridPoint(c, i - 2));
            LinearForm d10 = m0.minus(m1).times(1.0 / r0);
            LinearForm d11 = m1.minus(m2).times(1.0 / r1);
            LinearForm d1 = d10.plus(d10.minus(d11).times(r0 / (r0 + r1)));
            LinearForm d2 = d10.minus(d11).times(1.0 / (r0 + r1));
            double phi3 = -bigH * Phi.phi3(bigH);
            out = out.plus(d1.times(alphaNext * phi2)).minus(d2.times(alphaNext * phi3));
        } else if (i == 1) {
            double r = (c.lambda(i) - c.lambda(i - 1)) / h;
            out = out.plus(m0.minus(LinearForm.model(EvalRef.atGridPoint(c, i - 1))).times(alphaNext * phi2 / r));
        }
        if (etaH > 0.0) {
            out = out.plus(LinearForm.noise(0).times(c.sigma(i + 1) * Math.sqrt(-Math.expm1(-2.0 * etaH))));
        }
        return b.output(out);
    }
}
