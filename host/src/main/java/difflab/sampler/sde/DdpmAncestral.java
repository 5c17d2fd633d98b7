package difflab.sampler.sde;

import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * Ancestral DDPM sampling (Ho, Jain, Abbeel 2020, Algorithm 2 and eq. 11; docs/ALGORITHMS.md §1.2, VERIFIED):
 * <pre>
 *   x_{t−1} = (x_t + β_t·s_t(x_t))/sqrt(α_t) + sqrt(v_t)·z,     s_t = ∇log p_t = (sqrt(ᾱ_t)·D − x_t)/(1 − ᾱ_t)
 *   v_t = β̃_t = β_t(1 − ᾱ_{t−1})/(1 − ᾱ_t)   ({@link Variance#POSTERIOR}, id {@code ddpm-ancestral})
 *   v_t = β_t                               ({@link Variance#BETA}, id {@code ddpm-ancestral-beta})
 * </pre>
 * The mean is Ho et al.'s (x_t − β_t/sqrt(1−ᾱ_t)·ε)/sqrt(α_t) written with the score. The per-step α<sub>t</sub> is
 * (α(t<sub>i</sub>)/α(t<sub>i+1</sub>))² ({@link DiscreteStep}), so the sampler runs on any grid and is exactly the discrete chain
 * on Li et al.'s schedule. As in Algorithm 2 (z = 0 at t = 1), the last step adds no noise.
 *
 * <p>1 NFE per step, one noise stream. Nominal weak order 1 (KL ~ T<sup>−2</sup>, Jiao–Zhou–Li 2025, docs/ALGORITHMS.md §2.1; the
 * measured KL slope is asserted in {@code StochasticKlRateTest}).
 *
 * @param variance which of Ho et al.'s two variances is added
 */
public record DdpmAncestral(Variance variance) implements Sampler {

    /** The two variance choices of Ho et al. §3.2. */
    public enum Variance {
        /** σ<sub>t</sub>² = β̃<sub>t</sub>, the posterior variance (optimal for a point-mass x<sub>0</sub>). */
        POSTERIOR,
        /** σ<sub>t</sub>² = β<sub>t</sub> (optimal for x<sub>0</sub> ~ N(0, I)). */
        BETA
    }

    public DdpmAncestral {
        if (variance == null) {
            throw new IllegalArgumentException("DDPM variance is null; accepted: POSTERIOR, BETA");
        }
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of(variance == Variance.POSTERIOR ? "ddpm-ancestral" : "ddpm-ancestral-beta",
                "DDPM ancestral sampling, variance " + (variance == Variance.POSTERIOR ? "beta-tilde (posterior)" : "beta"),
                "Ho, Jain, Abbeel 2020 (DDPM), Algorithm 2, eq. 11, variances of §3.2",
                1, 1, 0)
                .withStochastic(true);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        DiscreteStep s = DiscreteStep.of(c, i);
        double scale = 1.0 / Math.sqrt(s.alphaStep());
        double v = variance == Variance.POSTERIOR ? s.posteriorVariance(c, i) : s.beta();
        return AncestralStep.program(c, i, LinearForm.state(), d0 -> LinearForm.state().times(scale)
                .plus(LinearForm.score(d0, c.alpha(i), c.sigma(i)).times(s.beta() * scale)),
                0, c.isLast(i) ? 0.0 : Math.sqrt(v));
    }
}
