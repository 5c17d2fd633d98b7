package difflab.sampler.ode;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * The accelerated deterministic sampler of Li, Huang, Efimov, Wei, Chi, Chen (ICML 2024, arXiv 2403.03852) in the
 * form of the official code: {@code functions/denoising.py::generalized_steps_accelerated} of
 * TimofeyEfimov/AcceleratedDiffusionSamplers and the README (docs/ALGORITHMS.md §1.4 B, VERIFIED). 1 NFE per step, multistep:
 * <pre>
 *  X_{t−1} = sqrt(ᾱ_{t−1}/ᾱ_t)·X_t + ( sqrt(1−ᾱ_{t−1}) − sqrt(ᾱ_{t−1}/ᾱ_t)·sqrt(1−ᾱ_t) )·ε_t(X_t)          (exact DDIM)
 *          + [ sqrt(ᾱ_{t−1}) / (ᾱ_t − ᾱ_{t+1}) ]                                                        (term1)
 *            · [ ᾱ_t·sqrt(1−ᾱ_{t−1})/sqrt(ᾱ_{t−1}) + arcsin sqrt(ᾱ_{t−1})                              (term2 + term3)
 *                − ᾱ_t·sqrt(1−ᾱ_t)/sqrt(ᾱ_t) − arcsin sqrt(ᾱ_t) ]                                        (− term4 − term5)
 *            · ( ε_{t+1}(X_{t+1}) − ε_t(X_t) )                                                          (term6)
 * </pre>
 * ε<sub>t+1</sub>(X<sub>t+1</sub>) is the model output of the previous iteration ({@code previous_output}); the first
 * iteration is plain DDIM. On a general grid ᾱ<sub>t</sub>, ᾱ<sub>t−1</sub>, ᾱ<sub>t+1</sub> are α² at grid points i, i+1, i−1
 * ({@link LiChain}); sqrt(ᾱ) = α and sqrt(1−ᾱ) = σ are taken from the schedule. ε = (x − α·D)/σ.
 *
 * <p>NaN handling: the code adds the correction only when the whole expression has no NaN. Here the coefficient
 * term1·(…) is computed on the host and the correction is skipped exactly when that coefficient is not finite.
 * On a strictly decreasing grid in double precision ᾱ<sub>t</sub> ≠ ᾱ<sub>t+1</sub>, so the coefficient is always finite
 * and the correction is never skipped (the code's NaN arises in float32 where ᾱ<sub>t</sub> = ᾱ<sub>t+1</sub> at the noisy
 * end, or per element where term6 = 0 meets an infinite term1; the second, data-dependent case cannot occur with
 * a finite coefficient).
 *
 * <p>DERIVED (docs/ALGORITHMS.md §1.4): with y = x/sqrt(ᾱ) and σ̄ = sqrt((1−ᾱ)/ᾱ) the flow is dy = ε dσ̄; the correction
 * integrates ε taken linear in ᾱ through (ᾱ<sub>t+1</sub>, ε<sub>t+1</sub>) and (ᾱ<sub>t</sub>, ε<sub>t</sub>) exactly: an
 * Adams–Bashforth-2 exponential integrator in ᾱ, nominal order 2. Exact for a constant denoiser (ε is then
 * constant along the flow and along the DDIM path, so term6 vanishes).
 *
 * <p>Measured: second order on the uniform log-SNR grid of the linear VP and, against the step size c1·log T/T, on
 * the Li et al. schedule ({@code LiScheduleOrderTest}); against T the slope is lower by about a factor 1 − 1/ln T.
 * Numbers: README, <i>Order-test measurements</i>.
 *
 * <p>Precision (measured against 50-digit arithmetic): the bracket is O(Δᾱ²) and is evaluated verbatim as a
 * difference of O(1) terms, with arcsin ill-conditioned near ᾱ = 1, so the coefficient loses relative accuracy
 * at the data end, increasingly with N, up to O(1) at the last chain steps of the long Li schedules (the
 * figures are in the README). The pathwise errors above are unaffected to 3 significant digits (checked against the cancellation-free identical form
 * bracket = (asin z − z) + α_t·δ·(α_{t−1} − α_t), z = α_{t−1}·α_t·δ, δ = σ_t/α_t − σ_{t−1}/α_{t−1}, which is not
 * used so that the published evaluation is kept).
 */
public record LiAcceleratedOdeCode() implements Sampler {

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("li-ode-code",
                "Li et al. accelerated deterministic sampler, official-code form (DDIM + arcsin multistep correction)",
                "Li, Huang, Efimov, Wei, Chi, Chen, ICML 2024 (arXiv 2403.03852); official code "
                        + "functions/denoising.py generalized_steps_accelerated; docs/ALGORITHMS.md §1.4 B",
                2, 1, 1);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        double alphaT = c.alpha(i);
        double sigmaT = c.sigma(i);
        double alphaNext = c.alpha(i + 1);
        double sigmaNext = c.sigma(i + 1);
        EvalRef e0 = b.stage(LinearForm.state(), c.t(i), alphaT, sigmaT);
        LinearForm epsT = LinearForm.noisePrediction(e0, alphaT, sigmaT);
        double ratio = alphaNext / alphaT;
        LinearForm out = LinearForm.state().times(ratio).plus(epsT.times(sigmaNext - ratio * sigmaT));
        if (i == 0) {
            return b.output(out);
        }
        double coefficient = correctionCoefficient(alphaT, sigmaT, alphaNext, sigmaNext, c.alpha(i - 1));
        if (!Double.isFinite(coefficient)) {
            return b.output(out);
        }
        LinearForm epsPrevious = LinearForm.noisePrediction(EvalRef.atGridPoint(c, i - 1));
        return b.output(out.plus(epsPrevious.minus(epsT).times(coefficient)));
    }

    /**
     * term1·(term2 + term3 − term4 − term5) of the code, in marginal α, σ: sqrt(ᾱ) = α, sqrt(1−ᾱ) = σ at the
     * step's start (t), end (t−1, "next") and the previous grid point (t+1).
     */
    static double correctionCoefficient(double alphaT, double sigmaT, double alphaNext, double sigmaNext,
            double alphaPrevious) {
        double alphaBarT = alphaT * alphaT;
        double term1 = alphaNext / (alphaBarT - alphaPrevious * alphaPrevious);
        double term2 = alphaBarT * sigmaNext / alphaNext;
        double term3 = Math.asin(alphaNext);
        double term4 = alphaBarT * sigmaT / alphaT;
        double term5 = Math.asin(alphaT);
        return term1 * (term2 + term3 - term4 - term5);
    }
}
