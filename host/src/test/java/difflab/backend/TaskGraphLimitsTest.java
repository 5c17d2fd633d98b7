package difflab.backend;

import difflab.core.BackendException;
import difflab.grid.GridType;
import difflab.kernels.KernelSources;
import difflab.sampler.RunProgram;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.DeviceTarget;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every registered sampler fits the device kernels, checked without a device: its task graph builds for every
 * device target family at step counts that cover start-up, lower-order-final and the steady state, every
 * combination stays within {@link KernelSources#MAX_TERMS} buffer terms and {@link KernelSources#MAX_NOISE} noise
 * streams, and no program reads further back than the sampler's declared {@link Sampler#historyLength()} (the
 * depth the history ring is sized and documented by) or than the ring the graph allocates.
 */
class TaskGraphLimitsTest {
    /** 1..4 cover the warm-up of every multistep order; 7 lowers the final order under DPM-Solver's rule; 12 does not. */
    static final int[] STEP_COUNTS = {1, 2, 3, 4, 7, 12};

    static List<Sampler> samplers() {
        List<Sampler> s = new ArrayList<>(SamplerRegistry.all());
        s.add(new CrossCheckSampler());
        return s;
    }

    static List<DeviceTarget> deviceTargets() {
        return List.of(GaussianTarget.standard(3, false).deviceTarget().orElseThrow(),
                GaussianMixtureTarget.standard(3, 4, true).deviceTarget().orElseThrow(),
                GaussianMixtureTarget.standard(3, 4, false).deviceTarget().orElseThrow());
    }

    @Test
    void everySamplerBuildsWithinTheKernelLimits() {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        List<String> problems = new ArrayList<>();
        int graphs = 0;
        for (Sampler sampler : samplers()) {
            for (int steps : STEP_COUNTS) {
                SamplingContext ctx = new SamplingContext(schedule,
                        new GridType.UniformLogSnr().build(schedule, 1.0, 1e-3, steps));
                List<StepProgram> programs = new ArrayList<>();
                for (int i = 0; i < steps; i++) {
                    programs.add(sampler.step(ctx, i));
                }
                String where = sampler.id() + " with " + steps + " steps";
                problems.addAll(historyProblems(sampler, programs, where));
                for (DeviceTarget target : deviceTargets()) {
                    try {
                        TaskGraph graph = TaskGraph.build(programs, target);
                        problems.addAll(limitProblems(graph, programs, where + " on " + target.family()));
                        graphs++;
                    } catch (BackendException | IllegalStateException e) {
                        problems.add(where + " on " + target.family() + ": " + e.getMessage());
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " task-graph problems:\n" + String.join("\n", problems));
        }
        assertTrue(graphs >= samplers().size() * STEP_COUNTS.length * 3, "graphs built: " + graphs);
    }

    /**
     * Reads deeper than the declared history length, or of evaluations no earlier step (or stage) makes: resolving
     * the run's named evaluations ({@link RunProgram}) fails on the latter.
     */
    static List<String> historyProblems(Sampler sampler, List<StepProgram> programs, String where) {
        List<String> problems = new ArrayList<>();
        RunProgram run;
        try {
            run = RunProgram.of(sampler.id(), programs);
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(where + ": " + e.getMessage());
            return problems;
        }
        for (int i = 0; i < programs.size(); i++) {
            if (run.historyDepthOf(i) > sampler.historyLength()) {
                problems.add(where + ": step " + i + " reads " + run.historyDepthOf(i)
                        + " steps back, but historyLength() is " + sampler.historyLength());
            }
        }
        return problems;
    }

    /** Term and noise counts of every combination, and a history ring deep enough for every read. */
    static List<String> limitProblems(TaskGraph graph, List<StepProgram> programs, String where) {
        List<String> problems = new ArrayList<>();
        int depth = RunProgram.of(where, programs).historyDepth();
        if (graph.slots() < depth + 1) {
            problems.add(where + ": ring of " + graph.slots() + " slots for history depth " + depth);
        }
        for (int i = 0; i < graph.steps().size(); i++) {
            for (TaskGraph.Task task : graph.steps().get(i)) {
                TaskGraph.Combo c = task instanceof TaskGraph.StageEval s ? s.input()
                        : task instanceof TaskGraph.Output o ? o.combo() : null;
                if (c == null) {
                    continue;
                }
                if (c.termCount() > KernelSources.MAX_TERMS || c.noiseStreams().length > KernelSources.MAX_NOISE) {
                    problems.add(where + ": step " + i + " combination " + c + " has " + c.termCount() + " terms and "
                            + c.noiseStreams().length + " noise streams (kernels: " + KernelSources.MAX_TERMS + ", "
                            + KernelSources.MAX_NOISE + ")");
                }
            }
        }
        return problems;
    }
}
