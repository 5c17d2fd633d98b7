package difflab.sampler.sde;

import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * The DDPM-type ("vanilla SDE") sampler in the form of Li, Huang, Efimov, Wei, Chi, Chen (ICML 2024), docs/ALGORITHMS.md §1.2,
 * VERIFIED from the official README:
 * <pre>
 *   Y_{t−1} = (1/sqrt(α_t))·( Y_t + (1−α_t)·s_t(Y_t) + sqrt(1−α_t)·Z_t ),   t = T, …, 1
 * </pre>
 * The noise sits inside the bracket, so the added variance is (1−α<sub>t</sub>)/α<sub>t</sub> (slightly more than Ho et al.'s
 * β<sub>t</sub>). The README applies the noise on every step including the last one (the repository's CIFAR code,
 * which writes the β-variance form, masks it on the last step; that form is {@code ddpm-ancestral-beta}).
 * Per-step α<sub>t</sub> = (α(t<sub>i</sub>)/α(t<sub>i+1</sub>))² ({@link DiscreteStep}).
 *
 * <p>1 NFE per step. Claimed rate O(1/sqrt T) in TV by Li et al.; Jiao–Zhou–Li 2025 (docs/ALGORITHMS.md §2.1) give KL ~ T<sup>−2</sup>,
 * i.e. weak order 1, which is the nominal order here.
 */
public record DdpmLi() implements Sampler {

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("ddpm-li",
                "DDPM in Li et al.'s form, noise inside the bracket (variance (1-alpha)/alpha)",
                "Li, Huang, Efimov, Wei, Chi, Chen, ICML 2024 (arXiv 2403.03852), vanilla SDE sampler of the official "
                        + "README; docs/ALGORITHMS.md §1.2",
                1, 1, 0)
                .withStochastic(true);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        DiscreteStep s = DiscreteStep.of(c, i);
        double scale = 1.0 / Math.sqrt(s.alphaStep());
        return AncestralStep.program(c, i, LinearForm.state(), d0 -> LinearForm.state()
                .plus(LinearForm.score(d0, c.alpha(i), c.sigma(i)).times(s.beta())).times(scale),
                0, Math.sqrt(s.beta()) * scale);
    }
}
