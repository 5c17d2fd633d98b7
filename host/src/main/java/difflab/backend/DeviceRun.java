package difflab.backend;

import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import difflab.core.Particles;
import difflab.run.SamplingJob;
import difflab.run.SamplingResult;
import difflab.sampler.StepProgram;
import difflab.target.DeviceTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * What every device backend derives from a {@link SamplingJob} before it touches a device: the target's kernel
 * family (or a clear UNSUPPORTED error), every step's coefficient program, the model evaluations they make, and
 * the task graph built once for the run.
 *
 * @param target      the target's device parameters
 * @param graph       the launches of every step
 * @param evaluations total model evaluations (NFE) of the run
 */
public record DeviceRun(DeviceTarget target, TaskGraph graph, int evaluations) {

    /**
     * Prepares a job for the backend named {@code backendId}.
     *
     * @throws BackendException UNSUPPORTED if the target has no device kernel
     */
    public static DeviceRun prepare(SamplingJob job, String backendId) {
        DeviceTarget target = job.target().deviceTarget().orElseThrow(() -> new BackendException(Reason.UNSUPPORTED,
                "target " + job.target().id() + " has no device kernel; the " + backendId + " backend accepts Gaussian"
                        + " targets (diagonal or full covariance) and Gaussian mixtures with isotropic or diagonal"
                        + " components, each with at most one score perturbation"));
        int steps = job.context().steps();
        List<StepProgram> programs = new ArrayList<>(steps);
        int evaluations = 0;
        for (int i = 0; i < steps; i++) {
            StepProgram p = job.sampler().step(job.context(), i);
            programs.add(p);
            evaluations += p.evaluations();
        }
        return new DeviceRun(target, TaskGraph.build(programs, target), evaluations);
    }

    /**
     * Runs the job's particles through this run's task graph on {@code session} (an {@link ExecutionPlan} with
     * chunks of {@code capacity} particles and the kernels' {@code vectorWidth}), releasing the plan's buffers.
     */
    public SamplingResult execute(SamplingJob job, DeviceSession session, int capacity, int vectorWidth) {
        int n = job.initial().count();
        int d = job.initial().dimension();
        long t0 = System.nanoTime();
        double[] out;
        try (ExecutionPlan plan = new ExecutionPlan(session, graph, d, capacity, vectorWidth)) {
            out = plan.run(job.initial().toArray(), n, job.seed());
        }
        return new SamplingResult(Particles.adopt(n, d, out), evaluations, (System.nanoTime() - t0) * 1e-9);
    }
}
