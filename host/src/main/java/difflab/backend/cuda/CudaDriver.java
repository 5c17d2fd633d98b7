package difflab.backend.cuda;

import difflab.backend.DeviceDriver;
import difflab.backend.DeviceProgram;
import difflab.backend.KernelCall;
import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import difflab.core.Precision;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * The {@link DeviceDriver} over the CUDA driver API (JCuda 12.6): a context on one device, the legacy default
 * stream, and CUDA events for timing. UNVERIFIED on hardware: no GPU was available when it was written; everything
 * above these calls ({@link difflab.backend.DeviceSession}, {@link difflab.backend.DeviceBackend}, ...) is the code the
 * OpenCL tests run, and the launch arguments and grid shapes are checked against the PTX without a GPU.
 *
 * <p>A launch records a start and an end event around the kernel on the stream; its time is
 * {@code cuEventElapsedTime(start, end)} (resolution about 0.5 µs per the CUDA documentation). Host-device copies
 * are synchronous ({@code cuMemcpyHtoD}/{@code DtoH} from pageable Java arrays) and timed with events around them on
 * the same stream. Events are pooled.
 *
 * <p>A CUDA context is current per host thread: every method makes this one current first, so a backend may be
 * used from any one thread at a time. Without an NVIDIA driver the constructor throws {@link BackendException}
 * NO_PLATFORM with the message of {@link CudaDriverProbe#NO_DRIVER}.
 */
public final class CudaDriver implements DeviceDriver {

    /** Threads per block in dimension 0; kernels guard the tail of the last block. */
    public static final int BLOCK_SIZE = 256;
    /** CUDA's limit on the grid's y and z dimensions. */
    public static final long MAX_GRID_YZ = 65535;
    /** Particles per thread in the CUDA build of the kernels ({@code prelude.h} requires 1). */
    public static final int VECTOR_WIDTH = 1;
    private static final double NANOS_PER_MILLI = 1e6;

    /** A CUDA allocation. */
    record CudaBuffer(CUdeviceptr pointer, String name, long bytes) implements Buffer {
    }

    private final CudaDevice device;
    private final CudaModule.PtxSource ptxSource;
    private final CUcontext context = new CUcontext();
    /** The legacy default stream (handle 0): copies and kernels are ordered on it. */
    private final CUstream stream = new CUstream();
    private final Deque<CUevent> idleEvents = new ArrayDeque<>();
    private final List<CUevent> allEvents = new ArrayList<>();
    private long allocatedBytes;
    private boolean closed;

    /**
     * Creates a context on {@code device}; programs come from {@code ptxSource}.
     *
     * @throws BackendException NO_PLATFORM without driver, DEVICE_ERROR if the driver refuses
     */
    public CudaDriver(CudaDevice device, CudaModule.PtxSource ptxSource) {
        this.device = device;
        this.ptxSource = ptxSource;
        CudaDriverProbe.require();
        CudaDriverProbe.check(JCudaDriver.cuCtxCreate(context, 0, CudaDevices.handle(device.ordinal())),
                "creating a context on CUDA device " + device.describe());
    }

    /** The device. */
    public CudaDevice cudaDevice() {
        return device;
    }

    /** Makes this context current on the calling thread. */
    void bind() {
        if (closed) {
            throw new IllegalStateException("CUDA context on " + device.name() + " is closed");
        }
        CudaDriverProbe.check(JCudaDriver.cuCtxSetCurrent(context), "making the CUDA context current");
    }

    @Override
    public String backend() {
        return "cuda";
    }

    @Override
    public String deviceName() {
        return device.name();
    }

    @Override
    public String device() {
        return device.name() + " [CUDA " + device.computeCapability() + ", driver "
                + CudaDriverProbe.status().driverVersionText() + "]";
    }

    @Override
    public List<Integer> vectorWidths() {
        return List.of(VECTOR_WIDTH);
    }

    @Override
    public int defaultVectorWidth(Precision precision) {
        return VECTOR_WIDTH;
    }

    /** The free device memory ({@code cuMemGetInfo}) as both the largest allocation and the total. */
    @Override
    public MemoryLimits memory() {
        bind();
        long[] free = new long[1];
        long[] total = new long[1];
        CudaDriverProbe.check(JCudaDriver.cuMemGetInfo(free, total), "querying free device memory");
        return new MemoryLimits(free[0], free[0]);
    }

    @Override
    public DeviceProgram build(Precision precision, int maxComponents, int vectorWidth) {
        if (vectorWidth != VECTOR_WIDTH) {
            throw new IllegalArgumentException("vector width " + vectorWidth + "; the CUDA kernels accept "
                    + VECTOR_WIDTH);
        }
        return CudaModule.load(this, precision, maxComponents, ptxSource);
    }

    @Override
    public Buffer allocate(String name, long bytes) {
        bind();
        long b = Math.max(bytes, Sizeof.DOUBLE);
        CUdeviceptr p = new CUdeviceptr();
        int r = JCudaDriver.cuMemAlloc(p, b);
        if (r != 0) {
            throw CudaDriverProbe.error(r, "allocating device buffer '" + name + "' of " + b + " bytes ("
                    + allocatedBytes + " bytes already allocated, device memory " + device.totalMemoryBytes() + ")");
        }
        allocatedBytes += b;
        return new CudaBuffer(p, name, b);
    }

    @Override
    public void free(Buffer buffer) {
        if (!closed) {
            bind();
            JCudaDriver.cuMemFree(((CudaBuffer) buffer).pointer());
            allocatedBytes -= buffer.bytes();
        }
    }

    @Override
    public long copyIn(Buffer dst, HostArray src, int count) {
        bind();
        long bytes = (long) count * src.elementBytes();
        CUevent[] ev = eventPair();
        record(ev[0]);
        CudaDriverProbe.check(JCudaDriver.cuMemcpyHtoD(((CudaBuffer) dst).pointer(), pointer(src), bytes),
                "copying " + bytes + " bytes to the device");
        record(ev[1]);
        return takeNanos(ev);
    }

    @Override
    public long copyOut(Buffer src, HostArray dst, int count) {
        bind();
        long bytes = (long) count * dst.elementBytes();
        CUevent[] ev = eventPair();
        record(ev[0]);
        CudaDriverProbe.check(JCudaDriver.cuMemcpyDtoH(pointer(dst), ((CudaBuffer) src).pointer(), bytes),
                "copying " + bytes + " bytes from the device");
        record(ev[1]);
        return takeNanos(ev);
    }

    private static Pointer pointer(HostArray a) {
        if (a instanceof HostArray.Doubles h) {
            return Pointer.to(h.values());
        } else if (a instanceof HostArray.Floats h) {
            return Pointer.to(h.values());
        } else if (a instanceof HostArray.Ints h) {
            return Pointer.to(h.values());
        }
        return Pointer.to(((HostArray.Longs) a).values());
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
    static Pointer parameters(KernelCall call, Precision precision, Function<String, Buffer> buffers) {
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
                p[i] = Pointer.to(((CudaBuffer) buffers.apply(((KernelCall.Arg.Buffer) a).name())).pointer());
            }
        }
        return Pointer.to(p);
    }

    /** Enqueues the kernel of {@code call} between two timing events. */
    @Override
    public LaunchTiming launch(DeviceProgram program, KernelCall call, Function<String, Buffer> buffers) {
        bind();
        CudaModule module = (CudaModule) program;
        int[] s = shape(call.kernel(), call.globalSize());
        Pointer params = parameters(call, module.precision(), buffers);
        CUevent[] ev = eventPair();
        record(ev[0]);
        int r = JCudaDriver.cuLaunchKernel(module.function(call.kernel()), s[0], s[1], s[2], s[3], s[4], s[5], 0,
                stream, params, null);
        if (r != 0) {
            recycle(ev);
            throw CudaDriverProbe.error(r, "launching kernel " + call.kernel() + " over "
                    + Arrays.toString(call.globalSize()));
        }
        record(ev[1]);
        return () -> takeNanos(ev);
    }

    @Override
    public void finish() {
        bind();
        CudaDriverProbe.check(JCudaDriver.cuStreamSynchronize(stream), "waiting for the device (a kernel failed)");
    }

    private CUevent[] eventPair() {
        return new CUevent[] {event(), event()};
    }

    private CUevent event() {
        CUevent e = idleEvents.poll();
        if (e == null) {
            e = new CUevent();
            CudaDriverProbe.check(JCudaDriver.cuEventCreate(e, CUevent_flags.CU_EVENT_DEFAULT),
                    "creating a CUDA event");
            allEvents.add(e);
        }
        return e;
    }

    private void recycle(CUevent[] ev) {
        idleEvents.push(ev[0]);
        idleEvents.push(ev[1]);
    }

    private void record(CUevent e) {
        CudaDriverProbe.check(JCudaDriver.cuEventRecord(e, stream), "recording a CUDA event");
    }

    /** The elapsed time between the pair's events; the pair goes back to the pool. */
    private long takeNanos(CUevent[] ev) {
        try {
            CudaDriverProbe.check(JCudaDriver.cuEventSynchronize(ev[1]), "waiting for a CUDA event");
            float[] ms = new float[1];
            CudaDriverProbe.check(JCudaDriver.cuEventElapsedTime(ms, ev[0], ev[1]), "reading a CUDA event time");
            return Math.round(ms[0] * NANOS_PER_MILLI);
        } finally {
            recycle(ev);
        }
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
