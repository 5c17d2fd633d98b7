package difflab.backend;

import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import difflab.kernels.GmmDenoiser;
import difflab.kernels.KernelSources;
import difflab.kernels.NoiseLayout;
import difflab.kernels.ScorePerturbationKernel;
import difflab.sampler.Combination;
import difflab.sampler.RunProgram;
import difflab.sampler.Stage;
import difflab.sampler.StepProgram;
import difflab.sampler.Term;
import difflab.target.DeviceTarget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import static difflab.backend.KernelCall.buf;
import static difflab.backend.KernelCall.i32;
import static difflab.backend.KernelCall.real;

/**
 * The device work of one run, built once from the sampler's {@link StepProgram}s and the target's
 * kernel family (TornadoVM's task-graph model, ARCHITECTURE "Host"): for every step, the ordered
 * kernel launches with their coefficients and the names of the particle buffers they read and write.
 * It holds no device resources; an {@link ExecutionPlan} binds it to buffers and runs it.
 *
 * <p>Per step i (ring slot {@code s = i mod R}, {@code R = historyDepth + 1}):
 * <pre>
 *   for each stage k:  prepare(α_k, σ_k) → table          (family's *_prepare kernel)
 *                      M{s}.k = D(p_k), p_k = a_k·x + Σ b·T + Σ c·z   (fused stage kernel;
 *                      P{s}.k = p_k as well when a later combination reads the point)
 *                      M{s}.k += (σ²/α)·e(P{s}.k)          (perturbed score only: score_perturb; every
 *                                                           stage then stores its point)
 *   output:            x = a·x + Σ b·T + Σ c·z             (combine kernel, in place)
 * </pre>
 * An evaluation made by stage k of step j (located by the run's {@link RunProgram}) lives in buffer
 * {@code M{j mod R}.k} (or {@code P…}), so the history ring rotates by renaming, never by copying. Noise terms are
 * generated inside the kernels from (seed, particle, step i, stream).
 *
 * <p>{@link #launches} turns a step's tasks into device-independent {@link KernelCall}s (argument lists
 * in the order of the kernels' parameter lists in {@code combine.cl} and {@code denoise.cl}), shared by
 * the OpenCL and CUDA execution plans; a backend binds only the buffer names.
 */
public final class TaskGraph {

    /** Name of the state buffer x. */
    public static final String STATE = "x";
    /** Name of the target's component-major means (K·d). */
    public static final String MEANS = "means";
    /** Name of the target's variances (K, K·d or d values). */
    public static final String VARIANCES = "variances";
    /** Name of the target's log-weights (K). */
    public static final String LOG_WEIGHTS = "logWeights";
    /** Name of the per-stage denoiser table filled by the prepare kernels ({@link #tableLength()}). */
    public static final String TABLE = "table";
    /** Name of a one-element placeholder bound to pointer arguments the kernel does not read. */
    public static final String UNUSED = "dummy";
    /** Name of the full Gaussian's eigenvector matrix (d·d, row-major, {@link DeviceTarget#basis()}). */
    public static final String BASIS = "basis";
    /** Name of the full Gaussian stage kernel's n·d scratch of eigen-coordinates. */
    public static final String EIGEN_SCRATCH = "eigenScratch";
    /** Name of the score perturbation's frequencies ω (d). */
    public static final String PERTURB_FREQUENCIES = "perturbFrequencies";
    /** Name of the score perturbation's phases φ (d). */
    public static final String PERTURB_PHASES = "perturbPhases";
    /** The kernel adding the score perturbation to a stage's model output ({@code score_perturb.cl}). */
    public static final String PERTURB_KERNEL = "score_perturb";

    /** One combination with its buffer terms and fused noise terms separated. */
    public record Combo(double a, List<String> terms, double[] coefs, int[] noiseStreams, double[] noiseCoefs) {
        /** Number of buffer terms. */
        public int termCount() {
            return terms.size();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder().append(a).append("*x");
            for (int k = 0; k < terms.size(); k++) {
                sb.append(" + ").append(coefs[k]).append('*').append(terms.get(k));
            }
            for (int k = 0; k < noiseStreams.length; k++) {
                sb.append(" + ").append(noiseCoefs[k]).append("*z").append(noiseStreams[k]);
            }
            return sb.toString();
        }
    }

    /** One kernel launch of a step. */
    public sealed interface Task permits Prepare, StageEval, Perturb, Output {
        /** The kernel name in the program. */
        String kernel();
    }

    /** Fill the per-stage denoiser table for (α, σ). */
    public record Prepare(String kernel, double alpha, double sigma) implements Task {
    }

    /** Fused stage: point from {@code input}, model output into {@code model}, point into {@code point} (or null). */
    public record StageEval(String kernel, int stage, Combo input, double alpha, String model, String point)
            implements Task {
    }

    /**
     * Adds the score perturbation (σ²/α)·e(p) to the model output of the stage just evaluated, reading its point
     * (always stored for a perturbed target); {@code scale} = (σ·σ)/α·amplitude.
     */
    public record Perturb(String kernel, double scale, String model, String point) implements Task {
    }

    /** The step's output combination, written in place into {@link #STATE}. */
    public record Output(String kernel, Combo combo) implements Task {
    }

    private final DeviceTarget target;
    private final List<List<Task>> steps;
    private final List<String> particleBuffers;
    private final int slots;

    private TaskGraph(DeviceTarget target, List<List<Task>> steps, List<String> particleBuffers, int slots) {
        this.target = target;
        this.steps = steps;
        this.particleBuffers = particleBuffers;
        this.slots = slots;
    }

    /** Kernel names of one target family: {prepare, stage}. */
    static String[] kernelsOf(DeviceTarget.Family family) {
        switch (family) {
            case GAUSSIAN_DIAGONAL:
                return new String[] {"gauss_diag_prepare", "stage_gauss_diag"};
            case GAUSSIAN_FULL:
                // the gains are the diagonal formula on the eigenvalues
                return new String[] {"gauss_diag_prepare", "stage_gauss_full"};
            case GMM_ISOTROPIC:
                return new String[] {"gmm_iso_prepare", "stage_gmm_iso"};
            case GMM_DIAGONAL:
                return new String[] {"gmm_diag_prepare", "stage_gmm_diag"};
            default:
                throw new BackendException(Reason.UNSUPPORTED, "no device kernel for target family " + family);
        }
    }

    static String modelBuffer(int slot, int stage) {
        return "M" + slot + "." + stage;
    }

    static String pointBuffer(int slot, int stage) {
        return "P" + slot + "." + stage;
    }

    /**
     * Builds the graph.
     *
     * @throws BackendException UNSUPPORTED if a combination has more than {@link KernelSources#MAX_TERMS}
     *                          buffer terms or {@link KernelSources#MAX_NOISE} noise terms
     * @throws IllegalStateException if a program reads an evaluation that does not exist
     */
    public static TaskGraph build(List<StepProgram> programs, DeviceTarget target) {
        String[] names = kernelsOf(target.family());
        RunProgram run = RunProgram.of("device run", programs);
        int slots = run.historyDepth() + 1;
        int n = programs.size();
        boolean perturbed = target.perturbation().isPresent();
        Set<String> buffers = new LinkedHashSet<>();
        buffers.add(STATE);
        if (target.family() == DeviceTarget.Family.GAUSSIAN_FULL) {
            buffers.add(EIGEN_SCRATCH);
        }
        List<List<Task>> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StepProgram program = programs.get(i);
            List<Task> tasks = new ArrayList<>();
            int slot = i % slots;
            for (int k = 0; k < program.evaluations(); k++) {
                Stage st = program.stages().get(k);
                tasks.add(new Prepare(names[0], st.alpha(), st.sigma()));
                String model = modelBuffer(slot, k);
                // a perturbed score is evaluated at the stage point, so every stage then stores it
                String point = perturbed || run.pointRead(i, k) ? pointBuffer(slot, k) : null;
                buffers.add(model);
                if (point != null) {
                    buffers.add(point);
                }
                tasks.add(new StageEval(names[1], k, combo(st.input(), run, i, slots), st.alpha(), model, point));
                if (perturbed) {
                    tasks.add(perturb(target, st, model, point));
                }
            }
            tasks.add(new Output("combine", combo(program.output(), run, i, slots)));
            steps.add(List.copyOf(tasks));
        }
        return new TaskGraph(target, List.copyOf(steps), List.copyOf(buffers), slots);
    }

    private static Perturb perturb(DeviceTarget target, Stage st, String model, String point) {
        if (!(st.alpha() > 0)) {
            throw new IllegalArgumentException("alpha=" + st.alpha() + " is invalid for a perturbed score: D changes "
                    + "by (sigma^2/alpha)*e; accepted: alpha > 0");
        }
        double amplitude = target.perturbation().orElseThrow().amplitude();
        return new Perturb(PERTURB_KERNEL, ScorePerturbationKernel.scale(st.alpha(), st.sigma(), amplitude), model,
                point);
    }

    private static Combo combo(Combination c, RunProgram run, int step, int slots) {
        List<String> terms = new ArrayList<>();
        List<Double> coefs = new ArrayList<>();
        List<Integer> streams = new ArrayList<>();
        List<Double> noiseCoefs = new ArrayList<>();
        for (int k = 0; k < c.terms().size(); k++) {
            Term t = c.terms().get(k);
            double coef = c.coefficient(k);
            if (t instanceof Term.Noise z) {
                streams.add(z.stream());
                noiseCoefs.add(coef);
            } else if (t instanceof Term.Model m) {
                terms.add(modelBuffer(Math.floorMod(run.source(m.ref()).step(), slots), run.stage(m.ref())));
                coefs.add(coef);
            } else if (t instanceof Term.Point p) {
                terms.add(pointBuffer(Math.floorMod(run.source(p.ref()).step(), slots), run.stage(p.ref())));
                coefs.add(coef);
            }
        }
        if (terms.size() > KernelSources.MAX_TERMS || streams.size() > KernelSources.MAX_NOISE) {
            throw new BackendException(Reason.UNSUPPORTED, "combination at step " + step + " has " + terms.size()
                    + " model/point terms and " + streams.size() + " noise terms; the device kernels accept at most "
                    + KernelSources.MAX_TERMS + " and " + KernelSources.MAX_NOISE + ": " + c);
        }
        return new Combo(c.stateCoefficient(), List.copyOf(terms), coefs.stream().mapToDouble(Double::doubleValue)
                .toArray(), streams.stream().mapToInt(Integer::intValue).toArray(),
                noiseCoefs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The target's device parameters. */
    public DeviceTarget target() {
        return target;
    }

    /** Tasks of each step, in launch order. */
    public List<List<Task>> steps() {
        return steps;
    }

    /** Names of the n·d particle buffers (state, model outputs, stored points), in first-use order. */
    public List<String> particleBuffers() {
        return particleBuffers;
    }

    /** History ring length R = history depth + 1. */
    public int slots() {
        return slots;
    }

    /** Total kernel launches per particle chunk. */
    public int launches() {
        int s = 0;
        for (List<Task> t : steps) {
            s += t.size();
        }
        return s;
    }

    /**
     * Length of the {@link #TABLE} buffer: d (Gaussian gains, diagonal or full), 3K + 2Kd (isotropic mixture) or K + 4Kd
     * (diagonal mixture); layouts in {@link GmmDenoiser}.
     */
    public int tableLength() {
        return tableLength(target);
    }

    /** {@link #tableLength()} of a target. */
    public static int tableLength(DeviceTarget target) {
        switch (target.family()) {
            case GAUSSIAN_DIAGONAL:
            case GAUSSIAN_FULL:
                return target.dimension();
            case GMM_ISOTROPIC:
                return GmmDenoiser.isotropicTableLength(target.components(), target.dimension());
            default:
                return GmmDenoiser.diagonalTableLength(target.components(), target.dimension());
        }
    }

    /**
     * The launch of the target family's {@code *_prepare} kernel that fills {@link #TABLE} with the denoiser's
     * coefficients at (α, σ), reading {@link #VARIANCES} and (mixtures) {@link #LOG_WEIGHTS} and {@link #MEANS}.
     */
    public static KernelCall prepareCall(DeviceTarget target, double alpha, double sigma) {
        return prepareCall(target, alpha, sigma, TABLE);
    }

    /** {@link #prepareCall(DeviceTarget, double, double)} into the buffer named {@code table}. */
    public static KernelCall prepareCall(DeviceTarget target, double alpha, double sigma, String table) {
        boolean gaussian = target.gaussian();
        List<KernelCall.Arg> a = new ArrayList<>();
        a.add(i32(target.dimension()));
        if (!gaussian) {
            a.add(i32(target.components()));
        }
        a.add(real(alpha));
        a.add(real(sigma));
        if (!gaussian) {
            a.add(buf(LOG_WEIGHTS));
        }
        a.add(buf(VARIANCES));
        if (!gaussian) {
            a.add(buf(MEANS));
        }
        a.add(buf(table));
        return new KernelCall(kernelsOf(target.family())[0], a,
                new long[] {gaussian ? target.dimension() : target.components()});
    }

    /**
     * The kernel launches of step {@code step} for one resident chunk of particles, in launch order.
     *
     * @param step           step index i (selects the tasks and keys the noise)
     * @param stride         row stride m of the particle buffers (particles in the chunk, rounded up to a
     *                       multiple of {@code vectorWidth})
     * @param vectorWidth    particles per work-item ({@code VW} of the program; 1 under CUDA)
     * @param particleOffset global index of the chunk's first particle (noise is keyed by it)
     * @param seed           run seed (Philox key, {@link NoiseLayout})
     * @throws IllegalArgumentException if the step does not exist or the stride is not a positive
     *                                  multiple of the vector width
     */
    public List<KernelCall> launches(int step, int stride, int vectorWidth, int particleOffset, long seed) {
        if (step < 0 || step >= steps.size()) {
            throw new IllegalArgumentException("step " + step + "; accepted: 0.." + (steps.size() - 1));
        }
        if (vectorWidth < 1 || stride < vectorWidth || stride % vectorWidth != 0) {
            throw new IllegalArgumentException("row stride " + stride + " with vector width " + vectorWidth
                    + "; accepted: a positive multiple of the vector width");
        }
        int d = target.dimension();
        int k = target.components();
        boolean gaussian = target.gaussian();
        boolean full = target.family() == DeviceTarget.Family.GAUSSIAN_FULL;
        long groups = stride / vectorWidth;
        long pairs = (d + 1) / 2;
        List<KernelCall> calls = new ArrayList<>();
        for (Task task : steps.get(step)) {
            if (task instanceof Prepare p) {
                calls.add(prepareCall(target, p.alpha(), p.sigma()));
                continue;
            }
            if (task instanceof Perturb p) {
                calls.add(perturbCall(p, stride, d, groups));
                continue;
            }
            List<KernelCall.Arg> a = new ArrayList<>();
            long[] global;
            if (task instanceof StageEval s) {
                a.add(i32(stride));
                a.add(i32(d));
                comboArgs(a, s.input(), step, particleOffset, seed);
                a.add(real(s.alpha()));
                if (!gaussian) {
                    a.add(i32(k));
                }
                a.add(buf(MEANS));
                if (full) {
                    a.add(buf(BASIS));
                }
                a.add(buf(TABLE));
                a.add(buf(s.model()));
                a.add(i32(s.point() != null ? 1 : 0));
                a.add(buf(s.point() != null ? s.point() : UNUSED));
                if (full) {
                    a.add(buf(EIGEN_SCRATCH));
                }
                global = gaussian && !full ? new long[] {groups, pairs} : new long[] {groups};
            } else {
                Output o = (Output) task;
                a.add(i32(stride));
                a.add(i32(d));
                comboArgs(a, o.combo(), step, particleOffset, seed);
                a.add(buf(STATE));
                global = new long[] {groups, pairs};
            }
            calls.add(new KernelCall(task.kernel(), a, global));
        }
        return calls;
    }

    /** The {@value #PERTURB_KERNEL} launch: grid (particle groups) × d, arguments in score_perturb.cl's order. */
    private static KernelCall perturbCall(Perturb p, int stride, int d, long groups) {
        return new KernelCall(p.kernel(), List.of(i32(stride), i32(d), real(p.scale()), buf(PERTURB_FREQUENCIES),
                buf(PERTURB_PHASES), buf(p.point()), buf(p.model())), new long[] {groups, d});
    }

    /** The {@code COMBO_PARAMS} block of {@code prelude.h}. */
    private static void comboArgs(List<KernelCall.Arg> a, Combo c, int step, int particleOffset, long seed) {
        int nt = c.termCount();
        a.add(real(c.a()));
        a.add(buf(c.a() != 0.0 ? STATE : UNUSED));
        a.add(i32(nt));
        for (int k = 0; k < KernelSources.MAX_TERMS; k++) {
            a.add(buf(k < nt ? c.terms().get(k) : UNUSED));
        }
        for (int k = 0; k < KernelSources.MAX_TERMS; k++) {
            a.add(real(k < nt ? c.coefs()[k] : 0.0));
        }
        int nz = c.noiseStreams().length;
        a.add(i32(nz));
        a.add(i32(NoiseLayout.key0(seed)));
        a.add(i32(NoiseLayout.key1(seed)));
        a.add(i32(particleOffset));
        a.add(i32(step));
        a.add(i32(nz > 0 ? c.noiseStreams()[0] : 0));
        a.add(real(nz > 0 ? c.noiseCoefs()[0] : 0.0));
        a.add(i32(nz > 1 ? c.noiseStreams()[1] : 0));
        a.add(real(nz > 1 ? c.noiseCoefs()[1] : 0.0));
    }

    /** A readable listing: buffers, then the tasks of the first {@code maxSteps} steps. */
    public String describe(int maxSteps) {
        StringBuilder sb = new StringBuilder("buffers (n*d each): ").append(particleBuffers).append('\n');
        for (int i = 0; i < Math.min(maxSteps, steps.size()); i++) {
            sb.append("step ").append(i).append(":\n");
            for (Task t : steps.get(i)) {
                sb.append("  ").append(t).append('\n');
            }
        }
        return sb.toString();
    }
}
