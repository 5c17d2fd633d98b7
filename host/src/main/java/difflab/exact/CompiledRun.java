package difflab.exact;

import difflab.sampler.Combination;
import difflab.sampler.EvalRef;
import difflab.sampler.RunProgram;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.Stage;
import difflab.sampler.StepProgram;
import difflab.sampler.Term;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sampler's step programs over a grid, resolved by {@link RunProgram} and put into index form for the scalar
 * recursions of {@link AffineLawPropagator}. Read generically from {@link StepProgram}, {@link Stage}, {@link Combination} and
 * {@link Term}, so any sampler built from those is covered without new code.
 *
 * <p>Live variables carried from step to step: index 0 is the state x; then, for every k = 1..depth back and every
 * stage s &lt; maxStages, the model output M and the stage point P of stage s of the step k back, at
 * {@link #slot(int, int, boolean)}. Within a step the extended variable vector is
 * w = [live variables, one fresh standard normal per noise stream the step uses].
 */
final class CompiledRun {
    /** What a compiled term reads. */
    enum Source {
        /** A model output of an earlier stage of this step (index = stage). */
        CURRENT_MODEL,
        /** A stage point of an earlier stage of this step (index = stage). */
        CURRENT_POINT,
        /** A live variable (index = live index). */
        LIVE,
        /** A fresh noise of this step (index = position among the step's streams). */
        NOISE
    }

    /** A combination in index form. */
    record Form(double stateCoefficient, Source[] sources, int[] indices, double[] coefficients) {
    }

    /** One stage: its input form and the (α, σ) of its evaluation. */
    record CompiledStage(Form input, double alpha, double sigma) {
    }

    /** One step. */
    record CompiledStep(List<CompiledStage> stages, Form output, int noiseStreams) {
    }

    final List<CompiledStep> steps;
    final int depth;
    final int maxStages;
    final int liveSize;

    private CompiledRun(List<CompiledStep> steps, int depth, int maxStages) {
        this.steps = steps;
        this.depth = depth;
        this.maxStages = maxStages;
        this.liveSize = 1 + 2 * depth * maxStages;
    }

    /** Live index of the model output (or point) of stage {@code stage} of the step {@code stepsBack} back. */
    int slot(int stepsBack, int stage, boolean point) {
        return 1 + 2 * ((stepsBack - 1) * maxStages + stage) + (point ? 1 : 0);
    }

    /**
     * Compiles every step of the run.
     *
     * @throws IllegalStateException if a program reads an evaluation that does not exist (before the first step, or
     *                               a stage the referenced step does not have)
     */
    static CompiledRun of(Sampler sampler, SamplingContext context) {
        RunProgram run = RunProgram.of(sampler, context);
        int n = run.size();
        int depth = run.historyDepth();
        int maxStages = run.maxStages();
        CompiledRun shape = new CompiledRun(List.of(), depth, maxStages);
        List<CompiledStep> compiled = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StepProgram p = run.step(i);
            Map<Integer, Integer> streams = new LinkedHashMap<>();
            List<CompiledStage> stages = new ArrayList<>();
            for (Stage s : p.stages()) {
                stages.add(new CompiledStage(shape.compile(s.input(), i, run, streams), s.alpha(), s.sigma()));
            }
            Form out = shape.compile(p.output(), i, run, streams);
            compiled.add(new CompiledStep(List.copyOf(stages), out, streams.size()));
        }
        return new CompiledRun(List.copyOf(compiled), depth, maxStages);
    }

    private Form compile(Combination c, int step, RunProgram run, Map<Integer, Integer> streams) {
        int k = c.terms().size();
        Source[] sources = new Source[k];
        int[] indices = new int[k];
        double[] coefficients = new double[k];
        for (int j = 0; j < k; j++) {
            Term t = c.terms().get(j);
            coefficients[j] = c.coefficient(j);
            if (t instanceof Term.Noise z) {
                sources[j] = Source.NOISE;
                indices[j] = streams.computeIfAbsent(z.stream(), s -> streams.size());
                continue;
            }
            EvalRef ref = t instanceof Term.Model m ? m.ref() : ((Term.Point) t).ref();
            boolean point = t instanceof Term.Point;
            int back = run.stepsBack(step, ref);
            if (back == 0) {
                sources[j] = point ? Source.CURRENT_POINT : Source.CURRENT_MODEL;
                indices[j] = run.stage(ref);
                continue;
            }
            sources[j] = Source.LIVE;
            indices[j] = slot(back, run.stage(ref), point);
        }
        return new Form(c.stateCoefficient(), sources, indices, coefficients);
    }
}
