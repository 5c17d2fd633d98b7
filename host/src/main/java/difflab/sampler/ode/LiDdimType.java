package difflab.sampler.ode;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * The DDIM-type deterministic baseline analysed by Li et al. (Li, Wei, Chen, Chi 2023; Li et al. ICML 2024;
 * docs/ALGORITHMS.md §1.2), 1 NFE per step:
 * <pre>  Y_{t−1} = (1/sqrt(α_t))·( Y_t + ((1−α_t)/2)·s_t(Y_t) )</pre>
 * with the per-step α<sub>t</sub> of {@link LiChain} and the score s = (α·D − x)/σ² at the step's start. How sure:
 * UNVERIFIED verbatim (the form "as commonly restated"; the official README writes the exact DDIM step instead,
 * which is the sampler {@code ddim}). Nominal order 1. Not exact for a constant denoiser (it is an Euler-type
 * step, not an exponential integrator).
 *
 * <p>Measured: first order on the uniform log-SNR grid of the linear VP, with a larger error constant than
 * the exact DDIM step, and slightly below first order on the Li et al. schedule ({@code LiScheduleOrderTest}).
 * Numbers: README, <i>Order-test measurements</i>.
 */
public record LiDdimType() implements Sampler {

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("li-ddim-type",
                "Li et al. DDIM-type deterministic baseline (1/sqrt a)(Y + (1-a)/2 s) [UNVERIFIED verbatim]",
                "Li, Wei, Chen, Chi 2023 / Li et al. ICML 2024 (arXiv 2403.03852), DDIM-type sampler; docs/ALGORITHMS.md §1.2",
                1, 1, 0)
                .asReconstruction();
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef e0 = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        return b.output(update(c, i, e0));
    }

    /** (1/sqrt(α<sub>t</sub>))·(x + ((1−α<sub>t</sub>)/2)·s<sub>t</sub>) of step i from the evaluation {@code e0} at its start. */
    static LinearForm update(SamplingContext c, int i, EvalRef e0) {
        double beta = LiChain.stepBeta(c, i);
        double inverseSqrtAlpha = 1.0 / Math.sqrt(LiChain.stepAlpha(c, i));
        LinearForm score = LinearForm.score(e0, c.alpha(i), c.sigma(i));
        return LinearForm.state().plus(score.times(0.5 * beta)).times(inverseSqrtAlpha);
    }
}
