package difflab.sampler.ode;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * Heun's second-order method in EDM coordinates (Karras et al. 2022, "Elucidating the Design Space of
 * Diffusion-Based Generative Models", Algorithm 1, deterministic; k-diffusion {@code sample_heun}; docs/ALGORITHMS.md §0.2, §7.4,
 * VERIFIED). With x̃ = x/α, σ̃ = σ/α = e<sup>−λ</sup> and dx̃/dσ̃ = (x̃ − D)/σ̃, one step from σ̃<sub>s</sub> to σ̃<sub>t</sub>:
 * <pre>
 *   d   = (x̃_s − D(x̃_s; σ̃_s))/σ̃_s
 *   x̃'  = x̃_s + (σ̃_t − σ̃_s)·d                                  (Euler predictor)
 *   d'  = (x̃' − D(x̃'; σ̃_t))/σ̃_t
 *   x̃_t = x̃_s + (σ̃_t − σ̃_s)·(d + d')/2                         (trapezoidal corrector)
 * </pre>
 * in VP coordinates: x = α·x̃, and D(x̃; σ̃) is the denoiser at the VP point α·x̃ at the matching time. EDM skips the
 * corrector on the last step (there σ̃<sub>t</sub> = 0); here that is the explicit option {@code eulerLastStep}
 * (default true, as EDM), which makes a run cost 2N − 1 evaluations. One Euler step has local error O(h²), so the
 * global order stays 2 either way.
 *
 * <p>Exactness (DERIVED, tested): d is the noise prediction ε, so the corrector is the trapezoidal rule for
 * ∫ε dσ̃: exact when ε is affine in σ̃ along the path (with {@code eulerLastStep} only when ε is constant). A constant D
 * makes ε constant along exact trajectories, so the method is exact for a constant D. Order 2, 2 NFE per step.
 *
 * @param eulerLastStep whether the last step is a plain Euler step (1 evaluation), as in EDM
 */
public record EdmHeun(boolean eulerLastStep) implements Sampler {

    /** Heun as EDM runs it: Euler on the last step. */
    public static EdmHeun standard() {
        return new EdmHeun(true);
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of(eulerLastStep ? "heun" : "heun(euler-last-step=false)",
                "Heun (EDM), second order in sigma-tilde" + (eulerLastStep ? ", Euler on the last step" : ""),
                "Karras et al. 2022 (EDM) Algorithm 1; k-diffusion sample_heun",
                2, 2, 0);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef s = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        LinearForm euler = EdmEuler.eulerInEdmCoordinates(c, i, s);
        if (eulerLastStep && c.isLast(i)) {
            return b.output(euler);
        }
        double alphaT = c.alpha(i + 1);
        double sigmaTildeS = c.noiseToSignal(i);
        double sigmaTildeT = c.noiseToSignal(i + 1);
        EvalRef predicted = b.stage(euler, c.t(i + 1), alphaT, c.sigma(i + 1));
        LinearForm xTilde = EdmEuler.edmState(c, i);
        LinearForm d = EdmEuler.edmDerivative(xTilde, s, sigmaTildeS);
        LinearForm dPredicted = EdmEuler.edmDerivative(LinearForm.point(predicted).times(1.0 / alphaT), predicted,
                sigmaTildeT);
        return b.output(xTilde.plus(d.plus(dPredicted).times(0.5 * (sigmaTildeT - sigmaTildeS))).times(alphaT));
    }
}
