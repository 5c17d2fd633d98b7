package difflab.exact1d;

import difflab.fors.ForsDiffusionSampler;
import difflab.fors.StepGeometry;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;
import difflab.target.Target;
import java.util.function.IntFunction;

/**
 * The exact 1-D evaluation of a sampler (docs/ALGORITHMS.md §6.4): a density on a fine grid (normally the prior N(0, 1) at
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
     * @param density             the density after the last Markov-kernel step
     * @param expectedEvaluations expected score evaluations per sample over the whole run
     * @param skippedMass         total input mass skipped over all steps (should be negligible)
     * @param massAfterStep       ∫p after each kernel step
     * @param output              the law of the output: {@code density} itself, or its image under a final
     *                            deterministic step
     */
    public record Result(GridDensity density, double expectedEvaluations, double skippedMass, double[] massAfterStep,
            MappedDensity output) {
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
        return new Result(p, evaluations, skipped, mass, MappedDensity.identity(p));
    }

    /** The FORS diffusion sampler (a reconstruction) on the context's grid of times. */
    public static Result fors(ForsDiffusionSampler sampler, SamplingContext context, Target target,
            GridDensity initial) {
        return forsWithCosts(sampler, context, target, initial).result();
    }

    /**
     * A FORS propagation with the expected cost of both acceptance rules (the same output law).
     *
     * @param result                the propagation (its expected evaluations are those of the sampler's own rule)
     * @param productEvaluations    expected score evaluations per sample under the product rule
     * @param sequentialEvaluations the same under the sequential rule
     * @param meanAcceptance        the acceptance probability per attempt, averaged over steps and input densities
     */
    public record ForsPropagation(Result result, double productEvaluations, double sequentialEvaluations,
            double meanAcceptance) {
    }

    /** {@link #fors} with the costs of both acceptance rules. */
    public static ForsPropagation forsWithCosts(ForsDiffusionSampler sampler, SamplingContext context, Target target,
            GridDensity initial) {
        double[] costs = new double[3];
        Result r = propagate(initial, context.steps(), k -> {
            ForsGridTransition t = ForsGridTransition.of(sampler, StepGeometry.of(context, k), target,
                    initial.grid());
            return in -> {
                ForsGridTransition.Costs c = t.applyWithCosts(in);
                costs[0] += c.productEvaluations();
                costs[1] += c.sequentialEvaluations();
                costs[2] += c.meanAcceptance();
                return c.outcome();
            };
        });
        return new ForsPropagation(r, costs[0], costs[1], costs[2] / context.steps());
    }

    /**
     * A stochastic single-step sampler given by coefficient programs whose noise enters only the output (every
     * DDPM-type ancestral sampler), each step a {@link GaussianGridTransition}; a noise-free last step (DDPM's
     * Algorithm 2 adds no noise at t = 1) is applied as a deterministic map ({@link Result#output()}).
     *
     * @throws IllegalArgumentException if a step is not such a program (see {@link StepProgramTransitions})
     */
    public static Result stochastic(Sampler sampler, SamplingContext context, Target target, GridDensity initial) {
        int last = context.steps() - 1;
        StepProgram finalStep = sampler.step(context, last);
        if (StepProgramTransitions.noiseVariance(finalStep) > 0) {
            return propagate(initial, context.steps(),
                    k -> StepProgramTransitions.gaussian(sampler.step(context, k), target, initial.grid()));
        }
        Result r = propagate(initial, last,
                k -> StepProgramTransitions.gaussian(sampler.step(context, k), target, initial.grid()));
        return new Result(r.density(), r.expectedEvaluations() + finalStep.evaluations(), r.skippedMass(),
                r.massAfterStep(), StepProgramTransitions.map(finalStep, target, r.density()));
    }
}
