package difflab.backend.opencl;

import difflab.backend.Chunking;
import difflab.backend.DeviceRun;
import difflab.backend.ExecutionPlan;
import difflab.backend.TaskGraph;
import difflab.core.BackendException;
import difflab.core.Precision;
import difflab.core.Profile;
import difflab.run.Backend;
import difflab.run.SamplingJob;
import difflab.run.SamplingResult;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code opencl} backend: runs any sampler's coefficient programs on an OpenCL device through
 * JOCL. Per run it builds a {@link TaskGraph} (one fused stage kernel per stage, one output combine
 * kernel per step, a history ring of model outputs on the device) and an {@link ExecutionPlan} that
 * owns the device buffers; particles stay on the device for the whole step loop and come back once.
 *
 * <p>Results equal the {@code java} backend's to rounding: in fp64 the combinations are bit-identical
 * and differences come only from the last ulps of log/exp/sin/cos (measured bound in the
 * cross-backend test, {@code OpenClCrossBackendTest#FP64_RELATIVE_BOUND}). Programs are compiled once
 * per (precision, mixture size) and cached for the backend's lifetime. Errors are
 * {@link BackendException}s; there is never a fallback to another backend.
 */
public final class OpenClBackend implements Backend {

    private final OpenClContext ctx;
    private final Precision precision;
    /**
     * Particles per work-item on CPU devices in fp64. PoCL does not vectorise the work-item loop of kernels with
     * inner loops, so lanes are made explicit: 8 doubles fill an AVX-512 register (two AVX2 ones). The
     * measured gain is in docs/kernels-and-opencl.md.
     */
    public static final int CPU_VECTOR_WIDTH = 8;
    /** Particles per work-item on CPU devices in fp32: 16 floats fill the register that 8 doubles fill. */
    public static final int CPU_VECTOR_WIDTH_FP32 = 16;
    /** Particles per work-item on GPUs and other devices: one, so that neighbouring work-items coalesce. */
    public static final int GPU_VECTOR_WIDTH = 1;

    private final Map<Integer, OpenClProgram> programs = new HashMap<>();
    private final int vectorWidth;
    private int chunkLimit;
    private Profile lastProfile = new Profile();

    /**
     * Opens the device named by {@code selector} ({@link OpenClDevices#select}).
     *
     * @throws BackendException NO_PLATFORM, NO_DEVICE or NO_FP64
     */
    public OpenClBackend(String selector, Precision precision) {
        this(selector, precision, 0);
    }

    /**
     * As {@link #OpenClBackend(String, Precision)} with {@code vectorWidth} particles per work-item
     * (0: {@link #CPU_VECTOR_WIDTH} or {@link #CPU_VECTOR_WIDTH_FP32} on CPUs, {@link #GPU_VECTOR_WIDTH} elsewhere).
     */
    public OpenClBackend(String selector, Precision precision, int vectorWidth) {
        if (vectorWidth != 0 && !OpenClProgram.VECTOR_WIDTHS.contains(vectorWidth)) {
            throw new IllegalArgumentException("vector width " + vectorWidth + "; accepted: 0 (auto) or "
                    + OpenClProgram.VECTOR_WIDTHS);
        }
        this.precision = precision;
        this.ctx = new OpenClContext(OpenClDevices.select(selector, precision == Precision.FP64));
        this.vectorWidth = vectorWidth != 0 ? vectorWidth
                : !ctx.device().type().equals("CPU") ? GPU_VECTOR_WIDTH
                : precision == Precision.FP32 ? CPU_VECTOR_WIDTH_FP32 : CPU_VECTOR_WIDTH;
    }

    /** The first fp64 device, in fp64. */
    public OpenClBackend() {
        this(OpenClDevices.AUTO, Precision.FP64);
    }

    /**
     * Caps the particles per device chunk (0 = only the device's limits); runs with more particles
     * are split into chunks with identical results.
     */
    public OpenClBackend chunkLimit(int particles) {
        if (particles < 0) {
            throw new IllegalArgumentException("chunk limit " + particles + " must be >= 0 (0 = device limits)");
        }
        this.chunkLimit = particles;
        return this;
    }

    @Override
    public String id() {
        return "opencl";
    }

    @Override
    public String device() {
        return ctx.device().name() + " [" + ctx.device().platformName() + "], " + precision.id() + ", VW="
                + vectorWidth;
    }

    /** The OpenCL device in use. */
    public OpenClDevice openClDevice() {
        return ctx.device();
    }

    /** Particles per work-item of this backend's programs. */
    public int vectorWidth() {
        return vectorWidth;
    }

    public Precision precision() {
        return precision;
    }

    /** The shared context (for benchmarks that launch kernels directly). */
    public OpenClContext context() {
        return ctx;
    }

    /** The compiled difflab program for mixtures of {@code components} (built on first use). */
    public OpenClProgram program(int components) {
        OpenClProgram p = programs.get(components);
        if (p == null) {
            p = OpenClProgram.difflab(ctx, precision, components, vectorWidth);
            programs.put(components, p);
        }
        return p;
    }

    @Override
    public java.util.Optional<Profile> lastRunProfile() {
        return java.util.Optional.of(lastProfile);
    }

    /** Profile of the last {@link #sample} call (kernel times, copies, build time). */
    public Profile lastProfile() {
        return lastProfile;
    }

    @Override
    public SamplingResult sample(SamplingJob job) {
        DeviceRun run = DeviceRun.prepare(job, "opencl");
        Profile profile = ctx.resetProfile();
        OpenClProgram program = program(run.target().components());
        int capacity = chunkCapacity(ctx.device(), run.graph(), job.initial().count(), job.initial().dimension(),
                precision, chunkLimit, vectorWidth);
        SamplingResult result = run.execute(job, OpenClSession.borrowing(ctx, program), capacity, vectorWidth);
        lastProfile = profile;
        return result;
    }

    /**
     * Largest chunk (particles) such that every particle buffer, its rows padded to a multiple of
     * {@code vectorWidth}, fits the device's maximum allocation and all of them fit
     * {@link Chunking#MEMORY_FRACTION} of its global memory; capped at {@code n} and at {@code limit} (&gt; 0;
     * for tests and memory budgets).
     *
     * @throws BackendException OUT_OF_MEMORY if not even one particle group fits
     */
    public static int chunkCapacity(OpenClDevice device, TaskGraph graph, int n, int d, Precision precision,
                                    int limit, int vectorWidth) {
        return Chunking.capacity(device.name(), device.maxAllocBytes(), device.globalMemBytes(),
                graph.particleBuffers().size(), n, d, precision, limit, vectorWidth);
    }

    @Override
    public void close() {
        for (OpenClProgram p : programs.values()) {
            p.close();
        }
        programs.clear();
        ctx.close();
    }
}
