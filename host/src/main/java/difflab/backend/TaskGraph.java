package difflab.backend;

import static difflab.backend.KernelCall.buf;
import static difflab.backend.KernelCall.i32;
import static difflab.backend.KernelCall.real;

import difflab.backend.BackendException.Reason;
import difflab.kernels.GmmDenoiser;
import difflab.kernels.KernelSources;
import difflab.kernels.NoiseLayout;
import difflab.sampler.Combination;
import difflab.sampler.EvalRef;
import difflab.sampler.Stage;
import difflab.sampler.StepProgram;
import difflab.sampler.Term;
import difflab.target.DeviceTarget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
 *   output:            x = a·x + Σ b·T + Σ c·z             (combine kernel, in place)
 * </pre>
 * A reference {@code EvalRef(back, k)} read in step i names buffer {@code M{(i−back) mod R}.k}
 * (or {@code P…}), so the history ring rotates by renaming, never by copying. Noise terms are
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
    public sealed interface Task permits Prepare, StageEval, Output {
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
        int depth = 0;
        for (StepProgram p : programs) {
            depth = Math.max(depth, p.historyDepth());
        }
        int slots = depth + 1;
        // which (step, stage) points are read later: those must be written by their stage kernel
        int n = programs.size();
        boolean[][] storePoint = new boolean[n][];
        for (int i = 0; i < n; i++) {
            storePoint[i] = new boolean[programs.get(i).evaluations()];
        }
        for (int i = 0; i < n; i++) {
            for (Term t : programs.get(i).referencedTerms()) {
                EvalRef ref = t instanceof Term.Model m ? m.ref() : t instanceof Term.Point p ? p.ref() : null;
                if (ref == null) {
                    continue;
                }
                int src = i - ref.stepsBack();
                if (src < 0 || ref.stage() >= programs.get(src).evaluations()) {
                    throw new IllegalStateException("step " + i + " reads " + t + ", which no earlier evaluation made");
                }
                if (t instanceof Term.Point) {
                    storePoint[src][ref.stage()] = true;
                }
            }
        }
        Set<String> buffers = new LinkedHashSet<>();
        buffers.add(STATE);
        List<List<Task>> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StepProgram program = programs.get(i);
            List<Task> tasks = new ArrayList<>();
            int slot = i % slots;
            for (int k = 0; k < program.evaluations(); k++) {
                Stage st = program.stages().get(k);
                tasks.add(new Prepare(names[0], st.alpha(), st.sigma()));
                String model = modelBuffer(slot, k);
                String point = storePoint[i][k] ? pointBuffer(slot, k) : null;
                buffers.add(model);
                if (point != null) {
                    buffers.add(point);
                }
                tasks.add(new StageEval(names[1], k, combo(st.input(), i, slots), st.alpha(), model, point));
            }
            tasks.add(new Output("combine", combo(program.output(), i, slots)));
            steps.add(List.copyOf(tasks));
        }
        return new TaskGraph(target, List.copyOf(steps), List.copyOf(buffers), slots);
    }

    private static Combo combo(Combination c, int step, int slots) {
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
                terms.add(modelBuffer(Math.floorMod(step - m.ref().stepsBack(), slots), m.ref().stage()));
                coefs.add(coef);
            } else if (t instanceof Term.Point p) {
                terms.add(pointBuffer(Math.floorMod(step - p.ref().stepsBack(), slots), p.ref().stage()));
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
     * Length of the {@link #TABLE} buffer: d (Gaussian gains), 3K + 2Kd (isotropic mixture) or K + 4Kd
     * (diagonal mixture); layouts in {@link GmmDenoiser}.
     */
    public int tableLength() {
        return tableLength(target);
    }

    /** {@link #tableLength()} of a target. */
    public static int tableLength(DeviceTarget target) {
        switch (target.family()) {
            case GAUSSIAN_DIAGONAL:
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
        boolean gaussian = target.family() == DeviceTarget.Family.GAUSSIAN_DIAGONAL;
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
        boolean gaussian = target.family() == DeviceTarget.Family.GAUSSIAN_DIAGONAL;
        long groups = stride / vectorWidth;
        long pairs = (d + 1) / 2;
        List<KernelCall> calls = new ArrayList<>();
        for (Task task : steps.get(step)) {
            if (task instanceof Prepare p) {
                calls.add(prepareCall(target, p.alpha(), p.sigma()));
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
                a.add(buf(TABLE));
                a.add(buf(s.model()));
                a.add(i32(s.point() != null ? 1 : 0));
                a.add(buf(s.point() != null ? s.point() : UNUSED));
                global = gaussian ? new long[] {groups, pairs} : new long[] {groups};
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
