package difflab.backend.opencl;

import difflab.backend.DeviceDriver;
import difflab.backend.DeviceProgram;
import difflab.backend.KernelCall;
import difflab.backend.SignalChaining;
import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import difflab.core.Precision;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROFILING_COMMAND_END;
import static org.jocl.CL.CL_PROFILING_COMMAND_START;
import static org.jocl.CL.CL_QUEUE_PROFILING_ENABLE;
import static org.jocl.CL.CL_TRUE;

/**
 * The {@link DeviceDriver} over OpenCL (JOCL): a context and one in-order command queue with event profiling on one
 * device. Launches are asynchronous and carry an event whose profiling times give the kernel's device time; copies
 * are blocking and timed by their own events.
 */
public final class OpenClDriver implements DeviceDriver {

    /** Work-group granularity the global sizes are rounded up to (kernels guard the tail). */
    public static final int GLOBAL_ROUNDING = 64;
    /**
     * Work-group size (along particles) of the streaming kernels (copy, combine, Gaussian stage): faster than
     * PoCL's own choice on CPUs (README, <i>Backends</i>) and a common GPU block size.
     */
    public static final int STREAM_GROUP = 256;
    /**
     * Work-group size of the other kernels (the mixture stage kernels and fors_launch keep a private array of
     * GMM_MAX_K·VW reals per work-item). CPU drivers such as PoCL put a work-group's private arrays on one thread's
     * stack. When the driver chose the size itself, PoCL took 4096 for a power-of-two particle count. With
     * GMM_MAX_K = 256 that is 8 MB, past the stack, and fors_launch died with SIGSEGV (SEGV_ACCERR). 64
     * work-items keep it at most 1 MB (K = 256, VW = 8). GPUs run groups of 64 at full occupancy.
     */
    public static final int PRIVATE_ARRAY_GROUP = 64;
    /**
     * Kernels launched with {@link #STREAM_GROUP} work-groups: every 2-D launch (combine, normals, the Gaussian stage
     * stream over particles × coordinate pairs) and these 1-D ones, which keep no private arrays.
     */
    static final Set<String> STREAMING_1D_KERNELS = Set.of("copy_real", "peak_fma");
    /** Accepted particles-per-work-item values ({@code -DVW}). */
    public static final List<Integer> VECTOR_WIDTHS = List.of(1, 2, 4, 8, 16);

    /** An OpenCL buffer. */
    record ClBuffer(cl_mem mem, String name, long bytes) implements Buffer {
    }

    private final OpenClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    private long allocatedBytes;

    /**
     * Opens a context on {@code device}.
     *
     * @throws BackendException DEVICE_ERROR if the driver refuses
     */
    @SuppressWarnings("deprecation")
    public OpenClDriver(OpenClDevice device) {
        this.device = device;
        SignalChaining.warnIfInactive("OpenCL");
        try {
            cl_context_properties props = new cl_context_properties();
            props.addProperty(CL_CONTEXT_PLATFORM, device.platformId());
            context = CL.clCreateContext(props, 1, new org.jocl.cl_device_id[] {device.deviceId()}, null, null, null);
            // clCreateCommandQueue is deprecated in OpenCL 2.0 but is the only form OpenCL 1.2 drivers have.
            queue = CL.clCreateCommandQueue(context, device.deviceId(), CL_QUEUE_PROFILING_ENABLE, null);
        } catch (CLException e) {
            throw translate("creating a context on " + device.describe(), e);
        }
    }

    /** The device. */
    public OpenClDevice openClDevice() {
        return device;
    }

    cl_context context() {
        return context;
    }

    @Override
    public String backend() {
        return "opencl";
    }

    @Override
    public String deviceName() {
        return device.name();
    }

    @Override
    public String device() {
        return device.name() + " [" + device.platformName() + "]";
    }

    @Override
    public List<Integer> vectorWidths() {
        return VECTOR_WIDTHS;
    }

    /**
     * {@link OpenClBackend#CPU_VECTOR_WIDTH} (fp64) or {@link OpenClBackend#CPU_VECTOR_WIDTH_FP32} (fp32) on CPUs,
     * {@link OpenClBackend#GPU_VECTOR_WIDTH} elsewhere.
     */
    @Override
    public int defaultVectorWidth(Precision precision) {
        if (!device.type().equals("CPU")) {
            return OpenClBackend.GPU_VECTOR_WIDTH;
        }
        return precision == Precision.FP32 ? OpenClBackend.CPU_VECTOR_WIDTH_FP32 : OpenClBackend.CPU_VECTOR_WIDTH;
    }

    /** The device's maximum allocation and its global memory. */
    @Override
    public MemoryLimits memory() {
        return new MemoryLimits(device.maxAllocBytes(), device.globalMemBytes());
    }

    @Override
    public DeviceProgram build(Precision precision, int maxComponents, int vectorWidth) {
        return OpenClProgram.difflab(this, precision, maxComponents, vectorWidth);
    }

    /** Work-group size for streaming kernels: {@link #STREAM_GROUP}, capped by the device's maximum. */
    long streamGroup() {
        return Math.max(1, Math.min(STREAM_GROUP, device.maxWorkGroupSize()));
    }

    /**
     * The work-group size of {@code call}: {@link #streamGroup()} along particles for streaming launches, else
     * {@link #PRIVATE_ARRAY_GROUP} (fewer if the device allows fewer); 1 in the other dimensions.
     */
    long[] localSize(KernelCall call) {
        int dims = call.globalSize().length;
        long[] local = new long[dims];
        Arrays.fill(local, 1);
        local[0] = dims == 2 || STREAMING_1D_KERNELS.contains(call.kernel()) ? streamGroup()
                : Math.min(PRIVATE_ARRAY_GROUP, Math.max(1, Long.highestOneBit(device.maxWorkGroupSize())));
        return local;
    }

    /**
     * Allocates a read-write buffer.
     *
     * @throws BackendException OUT_OF_MEMORY when {@code bytes} exceeds the device's maximum allocation or
     *                          the driver cannot allocate it
     */
    @Override
    public Buffer allocate(String name, long bytes) {
        if (bytes <= 0) {
            bytes = Sizeof.cl_double;
        }
        if (bytes > device.maxAllocBytes()) {
            throw new BackendException(Reason.OUT_OF_MEMORY, "device buffer '" + name + "' needs " + bytes
                    + " bytes but " + device.name() + " allows at most " + device.maxAllocBytes()
                    + " bytes per allocation; use fewer particles per chunk");
        }
        try {
            cl_mem m = CL.clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
            allocatedBytes += bytes;
            return new ClBuffer(m, name, bytes);
        } catch (CLException e) {
            throw translate("allocating device buffer '" + name + "' of " + bytes + " bytes (" + allocatedBytes
                    + " bytes already allocated, device global memory " + device.globalMemBytes() + ")", e);
        }
    }

    @Override
    public void free(Buffer buffer) {
        CL.clReleaseMemObject(((ClBuffer) buffer).mem());
        allocatedBytes -= buffer.bytes();
    }

    @Override
    public long copyIn(Buffer dst, HostArray src, int count) {
        long bytes = (long) count * src.elementBytes();
        cl_event ev = new cl_event();
        try {
            CL.clEnqueueWriteBuffer(queue, ((ClBuffer) dst).mem(), CL_TRUE, 0, bytes, pointer(src), 0, null, ev);
            return eventNanos(ev);
        } catch (CLException e) {
            throw translate("copying " + bytes + " bytes to the device", e);
        } finally {
            CL.clReleaseEvent(ev);
        }
    }

    @Override
    public long copyOut(Buffer src, HostArray dst, int count) {
        long bytes = (long) count * dst.elementBytes();
        cl_event ev = new cl_event();
        try {
            CL.clEnqueueReadBuffer(queue, ((ClBuffer) src).mem(), CL_TRUE, 0, bytes, pointer(dst), 0, null, ev);
            return eventNanos(ev);
        } catch (CLException e) {
            throw translate("copying " + bytes + " bytes from the device", e);
        } finally {
            CL.clReleaseEvent(ev);
        }
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
     * Sets the arguments of {@code call} on its kernel and enqueues it over its global size, dimension 0 rounded up
     * to a multiple of the work-group size and of {@link #GLOBAL_ROUNDING}.
     */
    @Override
    public LaunchTiming launch(DeviceProgram program, KernelCall call, Function<String, Buffer> buffers) {
        OpenClProgram p = (OpenClProgram) program;
        cl_kernel kernel = p.kernel(call.kernel());
        setArguments(kernel, p.precision(), call, buffers);
        long[] local = localSize(call);
        long[] g = call.globalSize();
        long round = Math.max(local[0], GLOBAL_ROUNDING);
        g[0] = (g[0] + round - 1) / round * round;
        cl_event ev = new cl_event();
        try {
            CL.clEnqueueNDRangeKernel(queue, kernel, g.length, null, g, local, 0, null, ev);
        } catch (CLException e) {
            CL.clReleaseEvent(ev);
            throw translate("launching kernel " + call.kernel() + " over " + Arrays.toString(g), e);
        }
        return () -> {
            try {
                return eventNanos(ev);
            } finally {
                CL.clReleaseEvent(ev);
            }
        };
    }

    /** Sets every argument of {@code call} on {@code kernel}; a {@code REAL} is a float in fp32 programs. */
    private static void setArguments(cl_kernel kernel, Precision precision, KernelCall call,
                                     Function<String, Buffer> buffers) {
        int index = 0;
        for (KernelCall.Arg arg : call.args()) {
            if (arg instanceof KernelCall.Arg.I32 v) {
                CL.clSetKernelArg(kernel, index++, Sizeof.cl_int, Pointer.to(new int[] {v.value()}));
            } else if (arg instanceof KernelCall.Arg.I64 v) {
                CL.clSetKernelArg(kernel, index++, Sizeof.cl_long, Pointer.to(new long[] {v.value()}));
            } else if (arg instanceof KernelCall.Arg.Real v && precision == Precision.FP64) {
                CL.clSetKernelArg(kernel, index++, Sizeof.cl_double, Pointer.to(new double[] {v.value()}));
            } else if (arg instanceof KernelCall.Arg.Real v) {
                CL.clSetKernelArg(kernel, index++, Sizeof.cl_float, Pointer.to(new float[] {(float) v.value()}));
            } else {
                cl_mem m = ((ClBuffer) buffers.apply(((KernelCall.Arg.Buffer) arg).name())).mem();
                CL.clSetKernelArg(kernel, index++, Sizeof.cl_mem, Pointer.to(m));
            }
        }
    }

    @Override
    public void finish() {
        try {
            CL.clFinish(queue);
        } catch (CLException e) {
            throw translate("waiting for the device queue", e);
        }
    }

    private static long eventNanos(cl_event ev) {
        long[] start = new long[1];
        long[] end = new long[1];
        CL.clWaitForEvents(1, new cl_event[] {ev});
        CL.clGetEventProfilingInfo(ev, CL_PROFILING_COMMAND_START, Sizeof.cl_ulong, Pointer.to(start), null);
        CL.clGetEventProfilingInfo(ev, CL_PROFILING_COMMAND_END, Sizeof.cl_ulong, Pointer.to(end), null);
        return end[0] - start[0];
    }

    /** Maps a JOCL exception to a {@link BackendException} with the right reason and a message. */
    static BackendException translate(String what, CLException e) {
        int status = (int) e.getStatus();
        Reason reason;
        switch (status) {
            case CL.CL_MEM_OBJECT_ALLOCATION_FAILURE:
            case CL.CL_OUT_OF_RESOURCES:
            case CL.CL_OUT_OF_HOST_MEMORY:
            case CL.CL_INVALID_BUFFER_SIZE:
                reason = Reason.OUT_OF_MEMORY;
                break;
            case CL.CL_BUILD_PROGRAM_FAILURE:
                reason = Reason.BUILD_FAILED;
                break;
            default:
                reason = Reason.DEVICE_ERROR;
        }
        return new BackendException(reason, "OpenCL error " + CL.stringFor_errorCode(status) + " while " + what, e);
    }

    @Override
    public void close() {
        try {
            finish();
        } catch (BackendException e) {
            // closing after a failure: release what we can
        }
        CL.clReleaseCommandQueue(queue);
        CL.clReleaseContext(context);
    }
}
