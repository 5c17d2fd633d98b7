package difflab.backend.cuda;

import difflab.backend.KernelCall;
import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import difflab.core.Precision;
import difflab.core.Profile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * A CUDA context on one device, the legacy default stream, and CUDA-event timing into a
 * {@link Profile} (the same record the OpenCL backend fills from event profiling).
 *
 * <p>Launches are asynchronous: {@link #launch} records a start and an end event around each kernel on
 * the stream; {@link #finish} synchronises once and adds {@code cuEventElapsedTime(start, end)} per
 * launch to the profile (resolution about 0.5 µs per the CUDA documentation). Host-device copies are
 * synchronous ({@code cuMemcpyHtoD}/{@code DtoH} from pageable Java arrays) and timed with events around
 * them on the same stream. Nothing reads device memory back except {@link #read}, which execution plans
 * call only after the step loop.
 *
 * <p>A CUDA context is current per host thread: every public method makes this one current first, so a
 * backend may be used from any one thread at a time.
 */
public final class CudaContext implements AutoCloseable {

    /** Threads per block in dimension 0; kernels guard the tail of the last block. */
    public static final int BLOCK_SIZE = 256;
    /** CUDA's limit on the grid's y and z dimensions. */
    public static final long MAX_GRID_YZ = 65535;
    private static final double NANOS_PER_MILLI = 1e6;

    private final CudaDevice device;
    private final CUcontext context = new CUcontext();
    /** The legacy default stream (handle 0): copies and kernels are ordered on it. */
    private final CUstream stream = new CUstream();
    private final Deque<CUevent> idleEvents = new ArrayDeque<>();
    private final List<CUevent> allEvents = new ArrayList<>();
    private final List<CUevent[]> pending = new ArrayList<>();
    private final List<String> pendingNames = new ArrayList<>();
    private Profile profile = new Profile();
    private long allocatedBytes;
    private boolean closed;

    /**
     * Creates a context on {@code device}.
     *
     * @throws BackendException NO_PLATFORM without driver, DEVICE_ERROR if the driver refuses
     */
    public CudaContext(CudaDevice device) {
        this.device = device;
        CudaDriver.require();
        CudaDriver.check(JCudaDriver.cuCtxCreate(context, 0, CudaDevices.handle(device.ordinal())),
                "creating a context on CUDA device " + device.describe());
    }

    /** The device. */
    public CudaDevice device() {
        return device;
    }

    /** Makes this context current on the calling thread. */
    public void bind() {
        if (closed) {
            throw new IllegalStateException("CUDA context on " + device.name() + " is closed");
        }
        CudaDriver.check(JCudaDriver.cuCtxSetCurrent(context), "making the CUDA context current");
    }

    /** The profile that launches and copies are recorded into. */
    public Profile profile() {
        return profile;
    }

    /** Starts a fresh profile and returns it. */
    public Profile resetProfile() {
        profile = new Profile();
        return profile;
    }

    /** Bytes currently allocated through {@link #allocate}. */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** Free and total device memory in bytes ({@code cuMemGetInfo}). */
    public long[] memoryInfo() {
        bind();
        long[] free = new long[1];
        long[] total = new long[1];
        CudaDriver.check(JCudaDriver.cuMemGetInfo(free, total), "querying free device memory");
        return new long[] {free[0], total[0]};
    }

    /**
     * Allocates {@code bytes} (at least one double) of device memory.
     *
     * @throws BackendException OUT_OF_MEMORY when the driver cannot
     */
    public CUdeviceptr allocate(String name, long bytes) {
        bind();
        long b = Math.max(bytes, Sizeof.DOUBLE);
        CUdeviceptr p = new CUdeviceptr();
        int r = JCudaDriver.cuMemAlloc(p, b);
        if (r != 0) {
            throw CudaDriver.error(r, "allocating device buffer '" + name + "' of " + b + " bytes (" + allocatedBytes
                    + " bytes already allocated, device memory " + device.totalMemoryBytes() + ")");
        }
        allocatedBytes += b;
        return p;
    }

    /** Frees a buffer from {@link #allocate} ({@code bytes} as passed there). */
    public void release(CUdeviceptr p, long bytes) {
        if (p != null && !closed) {
            bind();
            JCudaDriver.cuMemFree(p);
            allocatedBytes -= Math.max(bytes, Sizeof.DOUBLE);
        }
    }

    /** Copies {@code count} elements {@code src[from..]} to the start of {@code dst}, converted to {@code precision}. */
    public void write(CUdeviceptr dst, Precision precision, double[] src, int from, int count) {
        if (count == 0) {
            return;
        }
        bind();
        long bytes = (long) count * precision.bytes();
        Pointer host;
        if (precision == Precision.FP64) {
            host = Pointer.to(src).withByteOffset((long) from * Sizeof.DOUBLE);
        } else {
            float[] f = new float[count];
            for (int e = 0; e < count; e++) {
                f[e] = (float) src[from + e];
            }
            host = Pointer.to(f);
        }
        CUevent[] ev = eventPair();
        record(ev[0]);
        CudaDriver.check(JCudaDriver.cuMemcpyHtoD(dst, host, bytes), "copying " + bytes + " bytes to the device");
        record(ev[1]);
        profile.addCopyIn(bytes, elapsedNanos(ev));
        recycle(ev);
    }

    /** Copies {@code count} elements from the start of {@code src} into {@code dst[from..]}, after all queued work. */
    public void read(CUdeviceptr src, Precision precision, double[] dst, int from, int count) {
        if (count == 0) {
            return;
        }
        finish();
        long bytes = (long) count * precision.bytes();
        CUevent[] ev = eventPair();
        record(ev[0]);
        if (precision == Precision.FP64) {
            CudaDriver.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(dst).withByteOffset((long) from * Sizeof.DOUBLE), src,
                    bytes), "copying " + bytes + " bytes from the device");
        } else {
            float[] f = new float[count];
            CudaDriver.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(f), src, bytes), "copying " + bytes
                    + " bytes from the device");
            for (int e = 0; e < count; e++) {
                dst[from + e] = f[e];
            }
        }
        record(ev[1]);
        profile.addCopyOut(bytes, elapsedNanos(ev));
        recycle(ev);
    }

    /** Copies {@code bytes} raw bytes from {@code host} to the start of {@code dst} (e.g. integer test vectors). */
    public void writeRaw(CUdeviceptr dst, Pointer host, long bytes) {
        bind();
        CudaDriver.check(JCudaDriver.cuMemcpyHtoD(dst, host, bytes), "copying " + bytes + " bytes to the device");
        profile.addCopyIn(bytes, 0);
    }

    /** Copies {@code bytes} raw bytes from the start of {@code src} into {@code host}, after all queued work. */
    public void readRaw(CUdeviceptr src, Pointer host, long bytes) {
        finish();
        CudaDriver.check(JCudaDriver.cuMemcpyDtoH(host, src, bytes), "copying " + bytes + " bytes from the device");
        profile.addCopyOut(bytes, 0);
    }

    /**
     * The launch shape of {@code globalSize} work-items: grid and block dimensions (x, y, z), with
     * {@link #BLOCK_SIZE} threads per block in x and one in y and z, so {@code GID(1)} and {@code GID(2)}
     * are block indices.
     *
     * @throws BackendException UNSUPPORTED if dimension 1 or 2 exceeds {@link #MAX_GRID_YZ}
     */
    static int[] shape(String kernel, long[] globalSize) {
        long gx = (globalSize[0] + BLOCK_SIZE - 1) / BLOCK_SIZE;
        long gy = globalSize.length > 1 ? globalSize[1] : 1;
        long gz = globalSize.length > 2 ? globalSize[2] : 1;
        if (gx > Integer.MAX_VALUE || gy > MAX_GRID_YZ || gz > MAX_GRID_YZ) {
            throw new BackendException(Reason.UNSUPPORTED, "launch of " + kernel + " over "
                    + Arrays.toString(globalSize) + " work-items exceeds CUDA's grid limits (x < 2^31 blocks of "
                    + BLOCK_SIZE + ", y and z <= " + MAX_GRID_YZ + "); use a smaller dimension");
        }
        return new int[] {(int) gx, (int) gy, (int) gz, BLOCK_SIZE, 1, 1};
    }

    /**
     * The {@code kernelParams} array of {@code cuLaunchKernel}: one pointer per argument to its value
     * ({@code REAL} as double or float by {@code precision}; buffers through {@code buffers}).
     */
    static Pointer parameters(KernelCall call, Precision precision, java.util.function.Function<String, CUdeviceptr> buffers) {
        List<KernelCall.Arg> args = call.args();
        Pointer[] p = new Pointer[args.size()];
        for (int i = 0; i < p.length; i++) {
            KernelCall.Arg a = args.get(i);
            if (a instanceof KernelCall.Arg.I32 v) {
                p[i] = Pointer.to(new int[] {v.value()});
            } else if (a instanceof KernelCall.Arg.I64 v) {
                p[i] = Pointer.to(new long[] {v.value()});
            } else if (a instanceof KernelCall.Arg.Real v) {
                p[i] = precision == Precision.FP64 ? Pointer.to(new double[] {v.value()})
                        : Pointer.to(new float[] {(float) v.value()});
            } else {
                p[i] = Pointer.to(buffers.apply(((KernelCall.Arg.Buffer) a).name()));
            }
        }
        return Pointer.to(p);
    }

    /**
     * Enqueues {@code function} with the arguments and work-items of {@code call}, between two timing
     * events. Asynchronous; the time is recorded under the kernel's name at {@link #finish}.
     */
    public void launch(CUfunction function, KernelCall call, Precision precision,
                       java.util.function.Function<String, CUdeviceptr> buffers) {
        if (call.empty()) {
            return;
        }
        int[] s = shape(call.kernel(), call.globalSize());
        Pointer params = parameters(call, precision, buffers);
        CUevent[] ev = eventPair();
        record(ev[0]);
        int r = JCudaDriver.cuLaunchKernel(function, s[0], s[1], s[2], s[3], s[4], s[5], 0, stream, params, null);
        if (r != 0) {
            recycle(ev);
            throw CudaDriver.error(r, "launching kernel " + call.kernel() + " over " + Arrays.toString(call.globalSize()));
        }
        record(ev[1]);
        pending.add(ev);
        pendingNames.add(call.kernel());
    }

    /** Waits for all queued work and records the pending kernel times. */
    public void finish() {
        bind();
        CudaDriver.check(JCudaDriver.cuStreamSynchronize(stream), "waiting for the device (a kernel failed)");
        for (int k = 0; k < pending.size(); k++) {
            CUevent[] ev = pending.get(k);
            profile.addKernel(pendingNames.get(k), elapsedNanos(ev));
            recycle(ev);
        }
        pending.clear();
        pendingNames.clear();
    }

    private CUevent[] eventPair() {
        return new CUevent[] {event(), event()};
    }

    private CUevent event() {
        CUevent e = idleEvents.poll();
        if (e == null) {
            e = new CUevent();
            CudaDriver.check(JCudaDriver.cuEventCreate(e, CUevent_flags.CU_EVENT_DEFAULT), "creating a CUDA event");
            allEvents.add(e);
        }
        return e;
    }

    private void recycle(CUevent[] ev) {
        idleEvents.push(ev[0]);
        idleEvents.push(ev[1]);
    }

    private void record(CUevent e) {
        CudaDriver.check(JCudaDriver.cuEventRecord(e, stream), "recording a CUDA event");
    }

    private static long elapsedNanos(CUevent[] ev) {
        CudaDriver.check(JCudaDriver.cuEventSynchronize(ev[1]), "waiting for a CUDA event");
        float[] ms = new float[1];
        CudaDriver.check(JCudaDriver.cuEventElapsedTime(ms, ev[0], ev[1]), "reading a CUDA event time");
        return Math.round(ms[0] * NANOS_PER_MILLI);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            finish();
        } catch (BackendException e) {
            // closing after a failure: release what we can
        }
        for (CUevent e : allEvents) {
            JCudaDriver.cuEventDestroy(e);
        }
        allEvents.clear();
        idleEvents.clear();
        JCudaDriver.cuCtxDestroy(context);
        closed = true;
    }
}
