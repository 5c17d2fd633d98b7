package difflab.sampler.ode;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * RECONSTRUCTION (UNVERIFIED verbatim) of the two-evaluation accelerated deterministic sampler of Li, Huang,
 * Efimov, Wei, Chi, Chen (ICML 2024, arXiv 2403.03852, eq. 15b–15c; docs/ALGORITHMS.md §1.4 A). The paper text was not
 * available; docs/ALGORITHMS.md §1.4 A reconstructs a "midpoint computation plus a momentum-like correction" as
 * <pre>
 *  Y_t^−   = sqrt(α_{t+1})·( Y_t − ((1−α_{t+1})/2)·s_t(Y_t) )                        (a point one step back, at t+1)
 *  Y_{t−1} = (1/sqrt(α_t))·( Y_t + ((1−α_t)/2)·s_t(Y_t)
 *                 + ((1−α_t)²/(4(1−α_{t+1})))·( s_t(Y_t) − sqrt(α_{t+1})·s_{t+1}(Y_t^−) ) )
 * </pre>
 * with the per-step α<sub>t</sub>, α<sub>t+1</sub> of {@link LiChain} (α<sub>t+1</sub> from the previous grid point) and the
 * score s = (α·D − x)/σ², s<sub>t+1</sub> evaluated at the previous grid point's α, σ. 2 NFE per step. A Taylor
 * expansion (docs/ALGORITHMS.md §1.4 A) shows that only the constant 1/4 on the correction gives second order (1/2 or 1/8 fall back to first order);
 * the 1/4 is used here. Nominal order 2 (the paper claims TV O(1/T²)).
 *
 * <p>At t = T (step 0) α<sub>T+1</sub> does not exist; how the paper handles it is UNVERIFIED, so it is the explicit
 * option {@link TerminalStep}. Not exact for a constant denoiser (its base step is the Euler-type DDIM-type
 * step of {@link LiDdimType}).
 *
 * <p>Measured: just below order 2 on the uniform log-SNR grid of the linear VP, approached slowly (the order table's
 * window); on the Li et al. schedule ({@code LiScheduleOrderTest}) clearly below 2 against the
 * step size c1·log T/T. FINDING: the error behaves like (step size)²·log T there, short of the claimed O(1/T²). The
 * derivation that only 1/4 works is confirmed: with 1/2 or 1/8 the measured order on the log-SNR grid is 1.
 * Numbers: README, <i>Order-test measurements</i>.
 *
 * @param terminalStep how step 0 (from t = T) is taken
 */
public record LiAcceleratedOdePaper(TerminalStep terminalStep) implements Sampler {

    /** The boundary handling at t = T, where α<sub>T+1</sub> is undefined. */
    public enum TerminalStep {
        /** Step 0 is the plain DDIM-type step of {@link LiDdimType} (1 NFE). */
        DDIM_TYPE,
        /**
         * α<sub>T+1</sub> := α<sub>T</sub>: the correction is used at step 0 too, with s<sub>T+1</sub> evaluated at
         * ᾱ<sub>T+1</sub> = ᾱ<sub>T</sub>·α<sub>T</sub>, beyond the grid (2 NFE).
         */
        REPEAT_ALPHA
    }

    /** The constant on the correction term; only 1/4 gives second order (docs/ALGORITHMS.md §1.4 A). */
    public static final double CORRECTION_CONSTANT = 0.25;

    public LiAcceleratedOdePaper {
        if (terminalStep == null) {
            throw new IllegalArgumentException("terminalStep is null; accepted: DDIM_TYPE, REPEAT_ALPHA");
        }
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of(terminalStep == TerminalStep.DDIM_TYPE ? "li-ode-paper" : "li-ode-paper-repeat-alpha",
                "Li et al. accelerated deterministic sampler, paper form eq. 15 [RECONSTRUCTION, UNVERIFIED], "
                        + "terminal step: " + terminalStep,
                "Li, Huang, Efimov, Wei, Chi, Chen, ICML 2024 (arXiv 2403.03852) eq. 15b-15c as reconstructed in "
                        + "docs/ALGORITHMS.md §1.4 A",
                2, 2, 0)
                .asReconstruction();
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        double alphaT = c.alpha(i);
        double sigmaT = c.sigma(i);
        EvalRef e0 = b.stage(LinearForm.state(), c.t(i), alphaT, sigmaT);
        if (i == 0 && terminalStep == TerminalStep.DDIM_TYPE) {
            return b.output(LiDdimType.update(c, i, e0));
        }
        double stepAlpha = LiChain.stepAlpha(c, i);
        double stepBeta = LiChain.stepBeta(c, i);
        double previousStepAlpha;
        double previousStepBeta;
        double previousAlpha;
        double previousSigma;
        double previousTime;
        if (i == 0) {
            previousStepAlpha = stepAlpha;
            previousStepBeta = stepBeta;
            double alphaBarBeyond = alphaT * alphaT * stepAlpha;
            previousAlpha = Math.sqrt(alphaBarBeyond);
            previousSigma = Math.sqrt(1.0 - alphaBarBeyond);
            previousTime = c.schedule().timeOfLambda(Math.log(previousAlpha / previousSigma));
        } else {
            previousStepAlpha = LiChain.stepAlpha(c, i - 1);
            previousStepBeta = LiChain.stepBeta(c, i - 1);
            previousAlpha = c.alpha(i - 1);
            previousSigma = c.sigma(i - 1);
            previousTime = c.t(i - 1);
        }
        LinearForm scoreT = LinearForm.score(e0, alphaT, sigmaT);
        double sqrtPreviousStepAlpha = Math.sqrt(previousStepAlpha);
        LinearForm back = LinearForm.state().minus(scoreT.times(0.5 * previousStepBeta)).times(sqrtPreviousStepAlpha);
        EvalRef e1 = b.stage(back, previousTime, previousAlpha, previousSigma);
        LinearForm scoreBack = LinearForm.score(e1, previousAlpha, previousSigma);
        double weight = CORRECTION_CONSTANT * stepBeta * stepBeta / previousStepBeta;
        LinearForm bracket = LinearForm.state()
                .plus(scoreT.times(0.5 * stepBeta))
                .plus(scoreT.minus(scoreBack.times(sqrtPreviousStepAlpha)).times(weight));
        return b.output(bracket.times(1.0 / Math.sqrt(stepAlpha)));
    }
}
