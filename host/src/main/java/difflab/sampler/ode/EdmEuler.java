package difflab.sampler.ode;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * Euler's method in EDM / k-diffusion coordinates (Karras et al. 2022, "Elucidating the Design Space of
 * Diffusion-Based Generative Models", Algorithm 1 without the Heun correction; k-diffusion {@code sample_euler};
 * docs/ALGORITHMS.md §0.2, §7.4, VERIFIED). With x̃ = x/α and σ̃ = σ/α = e<sup>−λ</sup> the probability-flow ODE is
 * dx̃/dσ̃ = (x̃ − D(x̃; σ̃))/σ̃, and one step from σ̃<sub>s</sub> to σ̃<sub>t</sub> is
 * <pre>
 *   d   = (x̃_s − D_s)/σ̃_s
 *   x̃_t = x̃_s + (σ̃_t − σ̃_s)·d
 * </pre>
 * written here in VP coordinates, x<sub>t</sub> = α<sub>t</sub>·x̃<sub>t</sub> with x̃<sub>s</sub> = x<sub>s</sub>/α<sub>s</sub>, and D evaluated at
 * the VP point x<sub>s</sub> at time s (the same function as EDM's D). Order 1, 1 NFE per step.
 *
 * <p>DERIVED: d is the noise prediction ε = (x − αD)/σ, and the step is algebraically DDIM
 * (x<sub>t</sub> = (σ<sub>t</sub>/σ<sub>s</sub>)x<sub>s</sub> + α<sub>t</sub>(1 − σ̃<sub>t</sub>/σ̃<sub>s</sub>)D<sub>s</sub>, with σ̃<sub>t</sub>/σ̃<sub>s</sub> = e<sup>−h</sup>), so
 * it is exact for a constant D and agrees with {@link Ddim} to rounding (tested).
 */
public record EdmEuler() implements Sampler {

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("euler",
                "Euler in EDM coordinates (x/alpha, sigma/alpha); algebraically DDIM",
                "Karras et al. 2022 (EDM) Algorithm 1 (Euler part); k-diffusion sample_euler",
                1, 1, 0);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef s = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        return b.output(eulerInEdmCoordinates(c, i, s));
    }

    /** x̃<sub>s</sub> = x/α<sub>s</sub>, as a form in the VP state. */
    static LinearForm edmState(SamplingContext c, int i) {
        return LinearForm.state().times(1.0 / c.alpha(i));
    }

    /** d = (x̃ − D)/σ̃ for an evaluation {@code ref} whose EDM-coordinate point is {@code edmPoint}. */
    static LinearForm edmDerivative(LinearForm edmPoint, EvalRef ref, double sigmaTilde) {
        return edmPoint.minus(LinearForm.model(ref)).times(1.0 / sigmaTilde);
    }

    /** α<sub>t</sub>·(x̃<sub>s</sub> + (σ̃<sub>t</sub> − σ̃<sub>s</sub>)·d<sub>s</sub>): the Euler step of step i in VP coordinates. */
    static LinearForm eulerInEdmCoordinates(SamplingContext c, int i, EvalRef s) {
        double sigmaTildeS = c.noiseToSignal(i);
        double dSigmaTilde = c.noiseToSignal(i + 1) - sigmaTildeS;
        LinearForm xTilde = edmState(c, i);
        LinearForm d = edmDerivative(xTilde, s, sigmaTildeS);
        return xTilde.plus(d.times(dSigmaTilde)).times(c.alpha(i + 1));
    }
}
