package difflab.sampler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's step programs with every named evaluation resolved, once, to the step and stage that make it: the one
 * resolver read by every interpreter of coefficient programs (the Java backend, the device task graph, the exact
 * Gaussian law and the exact 1-D transitions).
 *
 * <p>An interpreter keeps the evaluations of the last {@link #historyDepth()} + 1 steps in a ring indexed by the
 * steps back and the stage index: a term of step i naming evaluation e reads stage {@link #stage(EvalRef)} of the
 * step {@link #stepsBack(int, EvalRef)} back (0 = this step). No interpreter derives a location from a name.
 *
 * <p>Compiling checks that every evaluation is named once and that each reference names an evaluation made
 * before it is read (an earlier step, or an earlier stage of the same step; the output may read every stage of its
 * step) at exactly the time and (α, σ) the reference carries.
 */
public final class RunProgram {
    /** Where an evaluation is made: stage {@code stage} of the program of step {@code step}. */
    public record Source(int step, int stage) {
    }

    private final List<StepProgram> steps;
    private final Map<EvalRef, Source> sources;
    private final int historyDepth;
    private final int maxStages;
    private final boolean[][] pointRead;

    private RunProgram(List<StepProgram> steps, Map<EvalRef, Source> sources, int historyDepth, int maxStages,
            boolean[][] pointRead) {
        this.steps = steps;
        this.sources = sources;
        this.historyDepth = historyDepth;
        this.maxStages = maxStages;
        this.pointRead = pointRead;
    }

    /**
     * Compiles every step program of {@code sampler} on {@code context}.
     *
     * @throws IllegalStateException if a program reads an evaluation that is not made before it, or names one twice
     */
    public static RunProgram of(Sampler sampler, SamplingContext context) {
        List<StepProgram> programs = new ArrayList<>(context.steps());
        for (int i = 0; i < context.steps(); i++) {
            programs.add(sampler.step(context, i));
        }
        return of("sampler " + sampler.id(), programs);
    }

    /**
     * Compiles the programs of steps 0..n−1, in order.
     *
     * @param what names the run in error messages
     * @throws IllegalStateException if a program reads an evaluation that is not made before it, or names one twice
     */
    public static RunProgram of(String what, List<StepProgram> programs) {
        Map<EvalRef, Source> sources = new HashMap<>();
        Map<List<Integer>, EvalRef> byName = new HashMap<>();
        int n = programs.size();
        boolean[][] pointRead = new boolean[n][];
        int depth = 0;
        int maxStages = 0;
        for (int i = 0; i < n; i++) {
            StepProgram program = programs.get(i);
            pointRead[i] = new boolean[program.evaluations()];
            maxStages = Math.max(maxStages, program.evaluations());
            for (int k = 0; k < program.stages().size(); k++) {
                Stage stage = program.stages().get(k);
                for (Term t : stage.input().terms()) {
                    depth = Math.max(depth, resolveRead(what, i, k, t, sources, byName, pointRead));
                }
                EvalRef name = stage.evaluation();
                EvalRef earlier = byName.put(List.of(name.point(), name.stage()), name);
                if (earlier != null) {
                    throw new IllegalStateException(what + " step " + i + " makes " + name + ", which step "
                            + sources.get(earlier).step() + " already made");
                }
                sources.put(name, new Source(i, k));
            }
            for (Term t : program.output().terms()) {
                depth = Math.max(depth, resolveRead(what, i, program.evaluations(), t, sources, byName, pointRead));
            }
        }
        return new RunProgram(List.copyOf(programs), Map.copyOf(sources), depth, maxStages, pointRead);
    }

    /**
     * The program of one step alone, for interpreters of Markov steps.
     *
     * @throws IllegalArgumentException if the program reads an evaluation it does not make itself
     */
    public static RunProgram ofSingleStep(StepProgram program) {
        RunProgram run;
        try {
            run = of("step program", List.of(program));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("step program reads evaluations of earlier steps; accepted: "
                    + "single-step programs (a multistep sampler is not a Markov kernel of the state): "
                    + e.getMessage(), e);
        }
        return run;
    }

    /** Resolves one term read at (step, stage position); returns its steps back (0 for noise). */
    private static int resolveRead(String what, int step, int position, Term t, Map<EvalRef, Source> sources,
            Map<List<Integer>, EvalRef> byName, boolean[][] pointRead) {
        EvalRef ref = t instanceof Term.Model m ? m.ref() : t instanceof Term.Point p ? p.ref() : null;
        if (ref == null) {
            return 0;
        }
        Source source = sources.get(ref);
        if (source == null) {
            EvalRef made = byName.get(List.of(ref.point(), ref.stage()));
            throw new IllegalStateException(what + " step " + step + " reads " + t + ", " + (made == null
                    ? "which no earlier stage made" : "but it was made as " + made + " with alpha=" + made.alpha()
                    + ", sigma=" + made.sigma() + " (the reference carries alpha=" + ref.alpha() + ", sigma="
                    + ref.sigma() + ")"));
        }
        if (source.step() == step && source.stage() >= position) {
            throw new IllegalStateException(what + " step " + step + " stage " + position + " reads " + t
                    + ", which stage " + source.stage() + " makes later");
        }
        if (t instanceof Term.Point) {
            pointRead[source.step()][source.stage()] = true;
        }
        return step - source.step();
    }

    /** The step programs, in order. */
    public List<StepProgram> steps() {
        return steps;
    }

    /** The program of step i. */
    public StepProgram step(int i) {
        return steps.get(i);
    }

    /** Number of steps. */
    public int size() {
        return steps.size();
    }

    /** The largest number of steps between an evaluation and a read of it (0 for singlestep samplers). */
    public int historyDepth() {
        return historyDepth;
    }

    /** The most stages of any step. */
    public int maxStages() {
        return maxStages;
    }

    /** Where the evaluation {@code ref} is made. */
    public Source source(EvalRef ref) {
        Source s = sources.get(ref);
        if (s == null) {
            throw new IllegalArgumentException("no step makes " + ref);
        }
        return s;
    }

    /** How many steps before {@code step} the evaluation {@code ref} is made (0 = by {@code step} itself). */
    public int stepsBack(int step, EvalRef ref) {
        return step - source(ref).step();
    }

    /** The stage index, within the step that makes it, of the evaluation {@code ref}. */
    public int stage(EvalRef ref) {
        return source(ref).stage();
    }

    /** The largest steps back of any evaluation that step {@code step} reads (0 if it reads only its own). */
    public int historyDepthOf(int step) {
        int depth = 0;
        for (Term t : steps.get(step).referencedTerms()) {
            EvalRef ref = t instanceof Term.Model m ? m.ref() : t instanceof Term.Point p ? p.ref() : null;
            if (ref != null) {
                depth = Math.max(depth, stepsBack(step, ref));
            }
        }
        return depth;
    }

    /** Whether some combination (of this step or a later one) reads the point of stage {@code stage} of step {@code step}. */
    public boolean pointRead(int step, int stage) {
        return pointRead[step][stage];
    }
}
