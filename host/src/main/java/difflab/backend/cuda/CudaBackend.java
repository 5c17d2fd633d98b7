package difflab.backend.cuda;

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
 * The {@code cuda} backend: runs any sampler's coefficient programs on an NVIDIA GPU through the CUDA
 * driver API (JCuda 12.6), on PTX compiled from the same portable kernel sources as the OpenCL backend
 * ({@link CudaModule}: NVRTC at run time where {@code libnvrtc.so.12} exists, else the PTX nvcc produced
 * at build time). It needs only an NVIDIA driver at run time.
 *
 * <p>Per run it builds the shared {@link TaskGraph} (one fused stage kernel per stage, one output combine
 * per step, a history ring of model outputs on the device) and an {@link ExecutionPlan} over a
 * {@link CudaSession} that owns the device buffers; particles stay on the device for the whole step loop and
 * come back once. Kernel times
 * come from CUDA events into the same {@link Profile} as OpenCL's.
 *
 * <p>Expected agreement with the {@code java} backend: as OpenCL's, the combinations are evaluated left to
 * right without FMA contraction ({@code --fmad=false}), so in fp64 only log/exp/sin/cos (CUDA's libdevice,
 * at most 1–2 ulp per its documentation) can differ, and the cross-backend test asserts the same bounds
 * as for OpenCL. UNVERIFIED on hardware: no GPU was available when this backend was written; the
 * {@code cuda}-tagged tests skip without a driver.
 *
 * <p>Without an NVIDIA driver the constructor throws {@link BackendException} NO_PLATFORM with the message
 * of {@link CudaDriver#NO_DRIVER}; the driver probe is cached, so repeated attempts give the same message.
 */
public final class CudaBackend implements Backend {

    private final CudaContext ctx;
    private final Precision precision;
    private final CudaModule.PtxSource ptxSource;
    private final Map<Integer, CudaModule> modules = new HashMap<>();
    private int chunkLimit;
    private Profile lastProfile = new Profile();

    /**
     * Opens the device named by {@code selector} ({@link CudaDevices#select}) with the PTX source of the
     * system property {@value CudaModule#PTX_PROPERTY} (default auto).
     *
     * @throws BackendException NO_PLATFORM without driver, NO_DEVICE for an unknown device
     */
    public CudaBackend(String selector, Precision precision) {
        this(selector, precision, CudaModule.PtxSource.fromSystemProperty());
    }

    /** As {@link #CudaBackend(String, Precision)} with an explicit PTX source. */
    public CudaBackend(String selector, Precision precision, CudaModule.PtxSource ptxSource) {
        this.precision = precision;
        this.ptxSource = ptxSource;
        this.ctx = new CudaContext(CudaDevices.select(selector));
    }

    /** Device 0 in fp64. */
    public CudaBackend() {
        this(CudaDevices.AUTO, Precision.FP64);
    }

    /**
     * Caps the particles per device chunk (0 = only the device's memory); runs with more particles are
     * split into chunks with identical results.
     */
    public CudaBackend chunkLimit(int particles) {
        if (particles < 0) {
            throw new IllegalArgumentException("chunk limit " + particles + " must be >= 0 (0 = device limits)");
        }
        this.chunkLimit = particles;
        return this;
    }

    @Override
    public String id() {
        return "cuda";
    }

    @Override
    public String device() {
        CudaDevice d = ctx.device();
        CudaModule any = modules.values().stream().findFirst().orElse(null);
        return d.name() + " [CUDA " + d.computeCapability() + ", driver " + CudaDriver.status().driverVersionText()
                + "], " + precision.id() + (any == null ? "" : ", " + any.origin());
    }

    /** The CUDA device in use. */
    public CudaDevice cudaDevice() {
        return ctx.device();
    }

    public Precision precision() {
        return precision;
    }

    /** The context (for benchmarks that launch kernels directly). */
    public CudaContext context() {
        return ctx;
    }

    /** The kernels for mixtures of {@code components} (loaded on first use, then cached). */
    public CudaModule module(int components) {
        for (CudaModule m : modules.values()) {
            // a bundled-PTX module serves every mixture size up to its GMM_MAX_K
            if (!m.runtimeCompiled() && components <= m.maxComponents()) {
                return m;
            }
        }
        CudaModule m = modules.get(components);
        if (m == null) {
            m = CudaModule.load(ctx, precision, components, ptxSource);
            modules.put(components, m);
        }
        return m;
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
        DeviceRun run = DeviceRun.prepare(job, "cuda");
        ctx.bind();
        Profile profile = ctx.resetProfile();
        CudaModule module = module(run.target().components());
        int capacity = chunkCapacity(ctx, run.graph(), job.initial().count(), job.initial().dimension(), precision,
                chunkLimit);
        SamplingResult result = run.execute(job, CudaSession.borrowing(ctx, module), capacity,
                CudaSession.VECTOR_WIDTH);
        lastProfile = profile;
        return result;
    }

    /**
     * Largest chunk such that all particle buffers fit {@link Chunking#MEMORY_FRACTION} of the device's free
     * memory; capped at {@code n} and {@code limit} (&gt; 0).
     *
     * @throws BackendException OUT_OF_MEMORY if not even one particle fits
     */
    public static int chunkCapacity(CudaContext ctx, TaskGraph graph, int n, int d, Precision precision, int limit) {
        long free = ctx.memoryInfo()[0];
        return Chunking.capacity(ctx.device().name(), free, free, graph.particleBuffers().size(), n, d, precision,
                limit, CudaSession.VECTOR_WIDTH);
    }

    @Override
    public void close() {
        for (CudaModule m : modules.values()) {
            m.close();
        }
        modules.clear();
        ctx.close();
    }
}
