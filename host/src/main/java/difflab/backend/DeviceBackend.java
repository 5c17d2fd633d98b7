package difflab.backend;

import difflab.core.BackendException;
import difflab.core.Precision;
import difflab.core.Profile;
import difflab.run.Backend;
import difflab.run.SamplingJob;
import difflab.run.SamplingResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code opencl} and {@code cuda} backends: any sampler's coefficient programs on a device behind a
 * {@link DeviceDriver}. Per run it builds a {@link TaskGraph} (one fused stage kernel per stage, one output combine
 * kernel per step, a history ring of model outputs on the device) and an {@link ExecutionPlan} that owns the
 * device buffers; particles stay on the device for the whole step loop and come back once.
 *
 * <p>Programs are built once per mixture size (or once for all sizes where the driver's program
 * {@link DeviceProgram#servesFewerComponents serves fewer components}) and cached for the backend's lifetime.
 * Results equal the {@code java} backend's to rounding (bounds in the cross-backend tests). Errors are
 * {@link BackendException}s; there is never a fallback to another backend.
 */
public final class DeviceBackend implements Backend {

    private final DeviceDriver driver;
    private final Precision precision;
    private final int vectorWidth;
    private final Map<Integer, DeviceProgram> programs = new LinkedHashMap<>();
    private final BufferPool pool;
    private RunShape lastShape;
    private int lastCapacity;
    private int chunkLimit;
    private Profile profile = new Profile();
    private Profile lastProfile = new Profile();

    /**
     * A backend owning {@code driver} (closed with it), computing in {@code precision} with {@code vectorWidth}
     * particles per work-item (0: the driver's default). Closes the driver if the width is refused.
     *
     * @throws IllegalArgumentException for a vector width the driver's kernels do not accept
     */
    public DeviceBackend(DeviceDriver driver, Precision precision, int vectorWidth) {
        if (vectorWidth != 0 && !driver.vectorWidths().contains(vectorWidth)) {
            driver.close();
            throw new IllegalArgumentException("vector width " + vectorWidth + "; accepted: 0 (auto) or "
                    + driver.vectorWidths());
        }
        this.driver = driver;
        this.precision = precision;
        this.vectorWidth = vectorWidth != 0 ? vectorWidth : driver.defaultVectorWidth(precision);
        this.pool = new BufferPool(driver);
    }

    /**
     * What fixes the particle buffers of a run: runs of the same shape reuse the previous run's buffers and chunk
     * capacity ({@link BufferPool}); another shape frees them first.
     */
    private record RunShape(int n, int d, int particleBuffers, int chunkLimit) {
    }

    /**
     * Caps the particles per device chunk (0 = only the device's limits); runs with more particles are split into
     * chunks with identical results.
     */
    public DeviceBackend chunkLimit(int particles) {
        if (particles < 0) {
            throw new IllegalArgumentException("chunk limit " + particles + " must be >= 0 (0 = device limits)");
        }
        this.chunkLimit = particles;
        return this;
    }

    @Override
    public String id() {
        return driver.backend();
    }

    @Override
    public String device() {
        String origin = programs.values().stream().map(DeviceProgram::origin).filter(o -> !o.isEmpty()).findFirst()
                .map(o -> ", " + o).orElse("");
        return driver.device() + ", " + precision.id() + ", VW=" + vectorWidth + origin;
    }

    /** The driver (device API) this backend runs on. */
    public DeviceDriver driver() {
        return driver;
    }

    /** Particles per work-item of this backend's programs. */
    public int vectorWidth() {
        return vectorWidth;
    }

    public Precision precision() {
        return precision;
    }

    /** The kernels for mixtures of {@code components} (built on first use; the build time goes into the profile). */
    public DeviceProgram program(int components) {
        for (DeviceProgram p : programs.values()) {
            if (p.servesFewerComponents() && components <= p.maxComponents()) {
                return p;
            }
        }
        DeviceProgram p = programs.get(components);
        if (p == null) {
            p = driver.build(precision, components, vectorWidth);
            profile.addBuild(p.buildNanos());
            programs.put(components, p);
        }
        return p;
    }

    /**
     * A session on the kernels for mixtures of {@code components}, with a fresh profile (for benchmarks and tests
     * that launch kernels directly); closing it hands its buffers back to the backend.
     */
    public DeviceSession session(int components) {
        profile = new Profile();
        return DeviceSession.borrowing(driver, program(components), profile, pool);
    }

    @Override
    public Optional<Profile> lastRunProfile() {
        return Optional.of(lastProfile);
    }

    /** Profile of the last {@link #sample} call (kernel times, copies, build time). */
    public Profile lastProfile() {
        return lastProfile;
    }

    @Override
    public SamplingResult sample(SamplingJob job) {
        DeviceRun run = DeviceRun.prepare(job, driver.backend());
        RunShape shape = new RunShape(job.initial().count(), job.initial().dimension(),
                run.graph().particleBuffers().size(), chunkLimit);
        if (!shape.equals(lastShape)) {
            pool.clear();
            lastShape = null;
            lastCapacity = chunkCapacity(run.graph(), job.initial().count(), job.initial().dimension());
            lastShape = shape;
        }
        try (DeviceSession session = session(run.target().components())) {
            SamplingResult result = run.execute(job, session, lastCapacity, vectorWidth);
            lastProfile = session.profile();
            return result;
        }
    }

    /**
     * Largest chunk (particles) such that every particle buffer, its rows padded to a multiple of the vector width,
     * fits the driver's {@link DeviceDriver#memory() limits} ({@link Chunking#capacity}); capped at {@code n} and
     * at the chunk limit.
     *
     * @throws BackendException OUT_OF_MEMORY if not even one particle group fits
     */
    public int chunkCapacity(TaskGraph graph, int n, int d) {
        DeviceDriver.MemoryLimits m = driver.memory();
        return Chunking.capacity(driver.deviceName(), m.maxAllocationBytes(), m.availableBytes(),
                graph.particleBuffers().size(), n, d, precision, chunkLimit, vectorWidth);
    }

    @Override
    public void close() {
        try {
            pool.clear();
            for (DeviceProgram p : programs.values()) {
                p.close();
            }
            programs.clear();
        } finally {
            driver.close();
        }
    }
}
