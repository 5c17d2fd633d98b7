package difflab.sampler.sde;

import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * Generalised DDIM with stochasticity η (Song, Meng, Ermon 2021, eq. 12 with σ<sub>t</sub>(η) of eq. 16; VERIFIED
 * against the DDIM code's {@code generalized_steps}, which the Li et al. repository also carries):
 * <pre>
 *   x_{t−1} = sqrt(ᾱ_{t−1})·x̂_0 + sqrt(1 − ᾱ_{t−1} − c_t²)·ε_t(x_t) + c_t·z
 *   c_t = η·sqrt((1 − ᾱ_{t−1})/(1 − ᾱ_t))·sqrt(1 − ᾱ_t/ᾱ_{t−1})
 * </pre>
 * with x̂<sub>0</sub> = D and ε = (x − sqrt(ᾱ<sub>t</sub>)D)/sqrt(1−ᾱ<sub>t</sub>), ᾱ<sub>t</sub> = α(t<sub>i</sub>)², ᾱ<sub>t−1</sub> = α(t<sub>i+1</sub>)². η = 0 is
 * DDIM ({@code ddim}); η = 1 gives c<sub>t</sub>² = β̃<sub>t</sub> and is the same chain in law as Ho et al.'s DDPM with the
 * posterior variance. Noise is added on every step, as in the DDIM code (c<sub>t</sub> vanishes by itself when a grid
 * ends at ᾱ = 1).
 *
 * <p>1 NFE per step, one noise stream. Nominal weak order 1.
 *
 * @param eta η ∈ [0, 1]
 */
public record DdimEta(double eta) implements Sampler {
    /** The registry's η (DDPM-like). */
    public static final double DEFAULT_ETA = 1.0;

    public DdimEta {
        if (!(eta >= 0.0 && eta <= 1.0)) {
            throw new IllegalArgumentException("DDIM eta=" + eta + "; accepted: 0 <= eta <= 1");
        }
    }

    /** DDIM with η = {@link #DEFAULT_ETA}. */
    public DdimEta() {
        this(DEFAULT_ETA);
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of(eta == DEFAULT_ETA ? "ddim-eta" : "ddim-eta(eta=" + eta + ")",
                "DDIM with stochasticity eta=" + eta,
                "Song, Meng, Ermon 2021 (DDIM), eq. 12 and eq. 16",
                1, 1, 0)
                .withStochastic(eta > 0.0);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        DiscreteStep s = DiscreteStep.of(c, i);
        double sigmaNext = c.sigma(i + 1);
        double noiseScale = eta * Math.sqrt(s.posteriorVariance(c, i));
        double epsScale = Math.sqrt(Math.max(0.0, sigmaNext * sigmaNext - noiseScale * noiseScale));
        return AncestralStep.program(c, i, LinearForm.state(), d0 -> LinearForm.model(d0).times(c.alpha(i + 1))
                .plus(LinearForm.noisePrediction(d0, c.alpha(i), c.sigma(i)).times(epsScale)), 0, noiseScale);
    }
}
