package difflab.sampler.sde;

import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * The accelerated stochastic sampler of Li, Huang, Efimov, Wei, Chi, Chen (ICML 2024, eq. 24a–24c), docs/ALGORITHMS.md §1.3,
 * VERIFIED from the official README and ImageNet code ({@code coefNew = sqrt(betas/2)}):
 * <pre>
 *   Y_t^+   = Y_t + sqrt((1−α_t)/2)·Z_t                                    (extra randomisation, stream 0)
 *   Y_{t−1} = (1/sqrt(α_t))·( Y_t^+ + (1−α_t)·s_t(Y_t^+) ) + sqrt((1−α_t)/2)·Z_t^+   (stream 1)
 * </pre>
 * The score is evaluated once per step, at the randomised point Y<sub>t</sub><sup>+</sup> with the time index t. The total
 * injected variance equals DDPM's, split into two halves around the drift. On the last step Z<sup>+</sup> is not added
 * (the code's {@code mask}, which multiplies only the post-drift noise; the randomisation is kept). This is the
 * README/ImageNet form; the CIFAR code's extra factor sqrt(α<sub>t</sub>) on the randomisation is not used.
 * Per-step α<sub>t</sub> = (α(t<sub>i</sub>)/α(t<sub>i+1</sub>))² ({@link DiscreteStep}).
 *
 * <p>1 NFE per step. Claimed TV(q<sub>1</sub>, p<sub>1</sub>) = O(d³ log<sup>4.5</sup>T / T) (abstract: O(1/T)), i.e. weak order 1:
 * nominal order 1.
 */
public record LiAcceleratedSde() implements Sampler {
    /** Stream of Z<sub>t</sub> (before the drift). */
    static final int RANDOMISATION_STREAM = 0;
    /** Stream of Z<sub>t</sub><sup>+</sup> (after the drift). */
    static final int POST_DRIFT_STREAM = 1;

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("li-sde",
                "Li et al. 2024 accelerated SDE: half the noise before the score evaluation, half after",
                "Li, Huang, Efimov, Wei, Chi, Chen, ICML 2024 (arXiv 2403.03852) eq. 24a-24c; official README and "
                        + "AcceleratedSDE_imagenet gaussian_diffusion.py; docs/ALGORITHMS.md §1.3",
                1, 1, 0)
                .withStochastic(true);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        DiscreteStep s = DiscreteStep.of(c, i);
        double halfNoise = Math.sqrt(0.5 * s.beta());
        LinearForm randomised = AncestralStep.plusNoise(LinearForm.state(), RANDOMISATION_STREAM, halfNoise);
        double scale = 1.0 / Math.sqrt(s.alphaStep());
        return AncestralStep.program(c, i, randomised, plus -> LinearForm.point(plus).times(scale)
                .plus(LinearForm.score(plus, c.alpha(i), c.sigma(i)).times(s.beta() * scale)),
                POST_DRIFT_STREAM, c.isLast(i) ? 0.0 : halfNoise);
    }
}
