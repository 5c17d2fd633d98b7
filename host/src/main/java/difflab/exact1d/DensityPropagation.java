package difflab.exact1d;

import difflab.fors.ForsDiffusionSampler;
import difflab.fors.StepGeometry;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.target.Target;
import java.util.function.IntFunction;

/**
 * The exact 1-D evaluation of a sampler (spec §6.4): a density on a fine grid (normally the prior N(0, 1) at
 * t<sub>T</sub>) is pushed through the sampler's transition kernels step by step by quadrature, giving the exact law of
 * the output up to quadrature error, against which TV and KL can be measured down to about 1e-10 with no Monte
 * Carlo noise. Each step's kernel is built when needed and dropped after use.
 */
public final class DensityPropagation {

    private DensityPropagation() {
    }

    /**
     * The propagated density and its bookkeeping.
     *
     * @param density             the output density
     * @param expectedEvaluations expected score evaluations per sample over the whole run
     * @param skippedMass         total input mass skipped over all steps (should be negligible)
     * @param massAfterStep       ∫p after each step
     */
    public record Result(GridDensity density, double expectedEvaluations, double skippedMass, double[] massAfterStep) {
        /** A copy of the per-step masses. */
        @Override
        public double[] massAfterStep() {
            return massAfterStep.clone();
        }
    }

    /** Pushes {@code initial} through {@code steps} transitions, the k-th built by {@code transition.apply(k)}. */
    public static Result propagate(GridDensity initial, int steps, IntFunction<GridTransition> transition) {
        GridDensity p = initial;
        double evaluations = 0;
        double skipped = 0;
        double[] mass = new double[steps];
        for (int k = 0; k < steps; k++) {
            GridTransition.Outcome o = transition.apply(k).apply(p);
            p = o.density();
            evaluations += o.expectedEvaluations();
            skipped += o.skippedMass();
            mass[k] = p.mass();
        }
        return new Result(p, evaluations, skipped, mass);
    }

    /** The FORS diffusion sampler (a reconstruction) on the context's grid of times. */
    public static Result fors(ForsDiffusionSampler sampler, SamplingContext context, Target target,
            GridDensity initial) {
        return propagate(initial, context.steps(),
                k -> ForsGridTransition.of(sampler, StepGeometry.of(context, k), target, initial.grid()));
    }

    /**
     * A stochastic single-step sampler given by coefficient programs whose noise enters only the output (every
     * DDPM-type ancestral sampler), each step a {@link GaussianGridTransition}.
     *
     * @throws IllegalArgumentException if a step is not such a program (see {@link StepProgramTransitions})
     */
    public static Result stochastic(Sampler sampler, SamplingContext context, Target target, GridDensity initial) {
        return propagate(initial, context.steps(),
                k -> StepProgramTransitions.gaussian(sampler.step(context, k), target, initial.grid()));
    }
}
