package difflab.backend;

import difflab.backend.DeviceDriver.Buffer;
import difflab.backend.DeviceDriver.HostArray;
import difflab.backend.DeviceDriver.LaunchTiming;
import difflab.core.Precision;
import difflab.core.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A device with the difflab kernels loaded and named buffers, over any {@link DeviceDriver}, so that the host loops
 * run unchanged on OpenCL and CUDA: the task-graph {@link ExecutionPlan} of the coefficient-program samplers, the FORS
 * relaunch loop {@link DeviceForsRunner} and the benchmark's {@link KernelTimer}. Launches take the backend-neutral
 * {@link KernelCall}; reads wait for all queued work, writes happen before any later launch. {@code REAL} values are
 * converted here (doubles to floats in fp32 programs). Kernel times (device events), copies and build time go into
 * the {@link Profile}. Buffers live until {@link #releaseBuffers} or {@link #close}.
 *
 * <p>A session either owns its driver and program ({@link #owning}: closing it closes them) or borrows those of a
 * {@link DeviceBackend} ({@link DeviceBackend#session}: closing it hands its buffers back to the backend's
 * {@link BufferPool}).
 */
public final class DeviceSession implements AutoCloseable {

    private record PendingLaunch(String kernel, LaunchTiming timing) {
    }

    private record Allocation(Buffer buffer, long requestedBytes) {
    }

    private final DeviceDriver driver;
    private final DeviceProgram program;
    private final boolean ownsDriver;
    /** Where released buffers go (a backend's, kept between runs), or null to free them. */
    private final BufferPool pool;
    private final Map<String, Allocation> buffers = new LinkedHashMap<>();
    private final List<PendingLaunch> pending = new ArrayList<>();
    private Profile profile;

    private DeviceSession(DeviceDriver driver, DeviceProgram program, boolean ownsDriver, Profile profile,
                          BufferPool pool) {
        this.driver = driver;
        this.program = program;
        this.ownsDriver = ownsDriver;
        this.profile = profile;
        this.pool = pool;
    }

    /**
     * A session over a driver and program that stay the caller's, recording into {@code profile}; buffers come from
     * and go back to {@code pool}.
     */
    static DeviceSession borrowing(DeviceDriver driver, DeviceProgram program, Profile profile, BufferPool pool) {
        return new DeviceSession(driver, program, false, profile, pool);
    }

    /**
     * A session that owns {@code driver}: builds the kernels for {@code precision}, mixtures of up to
     * {@code maxComponents} and the smallest vector width (the build time starts the profile); closes the driver if
     * the build fails.
     */
    public static DeviceSession owning(DeviceDriver driver, Precision precision, int maxComponents) {
        try {
            DeviceProgram program = driver.build(precision, maxComponents, driver.vectorWidths().get(0));
            Profile profile = new Profile();
            profile.addBuild(program.buildNanos());
            return new DeviceSession(driver, program, true, profile, null);
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    /** The backend id ({@code opencl}, {@code cuda}). */
    public String backend() {
        return driver.backend();
    }

    /** The device, precision and (where worth saying) the program's origin, in words. */
    public String device() {
        return driver.device() + ", " + precision().id() + (program.origin().isEmpty() ? "" : ", " + program.origin());
    }

    /** The precision of {@code REAL} in the loaded kernels. */
    public Precision precision() {
        return program.precision();
    }

    /** Particles per work-item of the loaded kernels. */
    public int vectorWidth() {
        return program.vectorWidth();
    }

    /** The profile (kernel times, copies, build) since the session opened or {@link #resetProfile} was called. */
    public Profile profile() {
        return profile;
    }

    /** Starts a fresh profile and returns it. */
    public Profile resetProfile() {
        profile = new Profile();
        return profile;
    }

    /**
     * Allocates a buffer of {@code bytes} (at least one element) under {@code name}.
     *
     * @throws difflab.core.BackendException OUT_OF_MEMORY when the device cannot
     * @throws IllegalStateException         if {@code name} is allocated already
     */
    public void allocate(String name, long bytes) {
        if (buffers.containsKey(name)) {
            throw new IllegalStateException("buffer '" + name + "' is already allocated in this session");
        }
        buffers.put(name, new Allocation(pool != null ? pool.take(name, bytes) : driver.allocate(name, bytes), bytes));
    }

    private Buffer buffer(String name) {
        Allocation a = buffers.get(name);
        if (a == null) {
            throw new IllegalStateException("no buffer '" + name + "' in this session; allocated: " + buffers.keySet());
        }
        return a.buffer();
    }

    /** Writes {@code count} values to the start of buffer {@code name} as {@code REAL}. */
    public void writeReals(String name, double[] src, int count) {
        if (precision() == Precision.FP64) {
            write(name, new HostArray.Doubles(src), count);
        } else {
            float[] f = new float[count];
            for (int e = 0; e < count; e++) {
                f[e] = (float) src[e];
            }
            write(name, new HostArray.Floats(f), count);
        }
    }

    /** Writes {@code count} 32-bit integers to the start of buffer {@code name}. */
    public void writeInts(String name, int[] src, int count) {
        write(name, new HostArray.Ints(src), count);
    }

    /** Writes {@code count} 64-bit integers to the start of buffer {@code name}. */
    public void writeLongs(String name, long[] src, int count) {
        write(name, new HostArray.Longs(src), count);
    }

    private void write(String name, HostArray src, int count) {
        Buffer b = buffer(name);
        if (count > 0) {
            long nanos = driver.copyIn(b, src, count);
            profile.addCopyIn((long) count * src.elementBytes(), nanos);
        }
    }

    /** Reads {@code count} {@code REAL}s from the start of buffer {@code name}, after all queued work. */
    public void readReals(String name, double[] dst, int count) {
        if (precision() == Precision.FP64) {
            read(name, new HostArray.Doubles(dst), count);
        } else {
            float[] f = new float[count];
            read(name, new HostArray.Floats(f), count);
            for (int e = 0; e < count; e++) {
                dst[e] = f[e];
            }
        }
    }

    /** Reads {@code count} 32-bit integers from the start of buffer {@code name}, after all queued work. */
    public void readInts(String name, int[] dst, int count) {
        read(name, new HostArray.Ints(dst), count);
    }

    /** Reads {@code count} 64-bit integers from the start of buffer {@code name}, after all queued work. */
    public void readLongs(String name, long[] dst, int count) {
        read(name, new HostArray.Longs(dst), count);
    }

    private void read(String name, HostArray dst, int count) {
        Buffer b = buffer(name);
        if (count > 0) {
            finish();
            long nanos = driver.copyOut(b, dst, count);
            profile.addCopyOut((long) count * dst.elementBytes(), nanos);
        }
    }

    /**
     * Enqueues one kernel launch (an empty one is skipped); {@link KernelCall.Arg.Buffer} arguments name buffers of
     * this session. Launches are asynchronous; kernel times reach the profile at the next read or {@link #finish}.
     */
    public void launch(KernelCall call) {
        if (call.empty()) {
            return;
        }
        pending.add(new PendingLaunch(call.kernel(), driver.launch(program, call, this::buffer)));
    }

    /** Waits for every queued launch and records its time in the profile. */
    public void finish() {
        driver.finish();
        for (PendingLaunch p : pending) {
            profile.addKernel(p.kernel(), p.timing().takeNanos());
        }
        pending.clear();
    }

    /** Releases every buffer (to the backend's pool, if the session has one); the kernels and the device stay. */
    public void releaseBuffers() {
        for (Allocation a : buffers.values()) {
            if (pool != null) {
                pool.give(a.buffer(), a.requestedBytes());
            } else {
                driver.free(a.buffer());
            }
        }
        buffers.clear();
    }

    /** Releases every buffer and, if this session owns them, the kernels and the driver. */
    @Override
    public void close() {
        try {
            try {
                finish();
            } catch (RuntimeException e) {
                // closing after a failure: release what we can
                pending.clear();
            }
            releaseBuffers();
            if (ownsDriver) {
                program.close();
            }
        } finally {
            if (ownsDriver) {
                driver.close();
            }
        }
    }
}
