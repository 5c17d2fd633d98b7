package difflab.backend.opencl;

import difflab.backend.SignalChaining;
import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import difflab.core.Precision;
import difflab.core.Profile;
import java.util.ArrayList;
import java.util.List;
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
 * An OpenCL context and one in-order command queue with event profiling on one device. Launches are
 * asynchronous: {@link #launch} records an event per kernel, {@link #finish} waits for the queue and
 * folds the event times into the {@link Profile}. Nothing here reads device memory back except
 * {@link #read}, which the execution plan calls only after the step loop.
 */
public final class OpenClContext implements AutoCloseable {

    /** Work-group granularity the global sizes are rounded up to (kernels guard the tail). */
    public static final int GLOBAL_ROUNDING = 64;
    /**
     * Work-group size (along particles) of the streaming kernels (copy, combine, Gaussian stage): with
     * PoCL's own choice the combine kernel reached about 20-35 GB/s on 2 cores, with 256 about 40-47 GB/s
     * (noisy shared machine); 256 is also a common GPU block size.
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

    private final OpenClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final List<cl_event> pending = new ArrayList<>();
    private final List<String> pendingNames = new ArrayList<>();
    private Profile profile = new Profile();
    private long allocatedBytes;

    /**
     * Opens a context on {@code device}.
     *
     * @throws BackendException DEVICE_ERROR if the driver refuses
     */
    @SuppressWarnings("deprecation")
    public OpenClContext(OpenClDevice device) {
        this.device = device;
        SignalChaining.warnIfInactive("OpenCL");
        try {
            cl_context_properties props = new cl_context_properties();
            props.addProperty(CL_CONTEXT_PLATFORM, device.platformId);
            context = CL.clCreateContext(props, 1, new org.jocl.cl_device_id[] {device.deviceId}, null, null, null);
            // clCreateCommandQueue is deprecated in OpenCL 2.0 but is the only form OpenCL 1.2 drivers have.
            queue = CL.clCreateCommandQueue(context, device.deviceId, CL_QUEUE_PROFILING_ENABLE, null);
        } catch (CLException e) {
            throw translate("creating a context on " + device.describe(), e);
        }
    }

    /** The device. */
    public OpenClDevice device() {
        return device;
    }

    cl_context context() {
        return context;
    }

    /** Work-group size for streaming kernels: {@link #STREAM_GROUP}, capped by the device's maximum. */
    public long streamGroup() {
        return Math.max(1, Math.min(STREAM_GROUP, device.maxWorkGroupSize()));
    }

    /** The local size {@code {streamGroup(), 1, ...}} for a launch of {@code dims} dimensions. */
    public long[] streamLocal(int dims) {
        long[] l = new long[dims];
        java.util.Arrays.fill(l, 1);
        l[0] = streamGroup();
        return l;
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

    /**
     * Allocates a read-write buffer.
     *
     * @throws BackendException OUT_OF_MEMORY when {@code bytes} exceeds the device's maximum allocation or
     *                          the driver cannot allocate it
     */
    public cl_mem allocate(String name, long bytes) {
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
            return m;
        } catch (CLException e) {
            throw translate("allocating device buffer '" + name + "' of " + bytes + " bytes (" + allocatedBytes
                    + " bytes already allocated, device global memory " + device.globalMemBytes() + ")", e);
        }
    }

    /** Releases a buffer from {@link #allocate}. */
    public void release(cl_mem m, long bytes) {
        if (m != null) {
            CL.clReleaseMemObject(m);
            allocatedBytes -= Math.max(bytes, Sizeof.cl_double);
        }
    }

    /** Blocking host-to-device copy of {@code count} elements from {@code src[from..]} to the start of {@code dst}, converted to {@code precision}. */
    public void write(cl_mem dst, Precision precision, double[] src, int from, int count) {
        long bytes = (long) count * precision.bytes();
        Pointer p;
        if (precision == Precision.FP64) {
            p = Pointer.to(src).withByteOffset((long) from * Sizeof.cl_double);
        } else {
            float[] f = new float[count];
            for (int e = 0; e < count; e++) {
                f[e] = (float) src[from + e];
            }
            p = Pointer.to(f);
        }
        writeRaw(dst, 0, bytes, p);
    }

    /** Blocking host-to-device copy of raw bytes at a byte offset of {@code dst}. */
    public void writeRaw(cl_mem dst, long offsetBytes, long bytes, Pointer p) {
        if (bytes == 0) {
            return;
        }
        cl_event ev = new cl_event();
        try {
            CL.clEnqueueWriteBuffer(queue, dst, CL_TRUE, offsetBytes, bytes, p, 0, null, ev);
            profile.addCopyIn(bytes, eventNanos(ev));
        } catch (CLException e) {
            throw translate("copying " + bytes + " bytes to the device", e);
        } finally {
            CL.clReleaseEvent(ev);
        }
    }

    /** Blocking device-to-host copy of {@code count} elements from the start of {@code src} into {@code dst[from..]}. */
    public void read(cl_mem src, Precision precision, double[] dst, int from, int count) {
        long bytes = (long) count * precision.bytes();
        if (precision == Precision.FP64) {
            readRaw(src, 0, bytes, Pointer.to(dst).withByteOffset((long) from * Sizeof.cl_double));
        } else {
            float[] f = new float[count];
            readRaw(src, 0, bytes, Pointer.to(f));
            for (int e = 0; e < count; e++) {
                dst[from + e] = f[e];
            }
        }
    }

    /** Blocking device-to-host copy of raw bytes. */
    public void readRaw(cl_mem src, long offsetBytes, long bytes, Pointer p) {
        if (bytes == 0) {
            return;
        }
        finish();
        cl_event ev = new cl_event();
        try {
            CL.clEnqueueReadBuffer(queue, src, CL_TRUE, offsetBytes, bytes, p, 0, null, ev);
            profile.addCopyOut(bytes, eventNanos(ev));
        } catch (CLException e) {
            throw translate("copying " + bytes + " bytes from the device", e);
        } finally {
            CL.clReleaseEvent(ev);
        }
    }

    /**
     * Enqueues {@code kernel} over a 1-D or 2-D range with work-groups of {@link #PRIVATE_ARRAY_GROUP} work-items
     * along dimension 0 (fewer if the device allows fewer); dimension 0 is rounded up to {@link #GLOBAL_ROUNDING}.
     * Asynchronous; the time is recorded under {@code name} at {@link #finish}.
     */
    public void launch(String name, cl_kernel kernel, long... global) {
        long[] local = new long[global.length];
        java.util.Arrays.fill(local, 1);
        local[0] = Math.min(PRIVATE_ARRAY_GROUP, Math.max(1, Long.highestOneBit(device.maxWorkGroupSize())));
        launchLocal(name, kernel, local, global);
    }

    /**
     * As {@link #launch} with an explicit work-group size {@code local} (null: the driver chooses);
     * dimension 0 of the global size is rounded up to a multiple of {@code local[0]} as well.
     */
    public void launchLocal(String name, cl_kernel kernel, long[] local, long... global) {
        long[] g = global.clone();
        long round = local != null ? Math.max(local[0], GLOBAL_ROUNDING) : GLOBAL_ROUNDING;
        g[0] = (g[0] + round - 1) / round * round;
        for (long v : g) {
            if (v == 0) {
                return;
            }
        }
        cl_event ev = new cl_event();
        try {
            CL.clEnqueueNDRangeKernel(queue, kernel, g.length, null, g, local, 0, null, ev);
        } catch (CLException e) {
            CL.clReleaseEvent(ev);
            throw translate("launching kernel " + name + " over " + java.util.Arrays.toString(g), e);
        }
        pending.add(ev);
        pendingNames.add(name);
    }

    /** Waits for every queued command and records the pending kernel times. */
    public void finish() {
        try {
            CL.clFinish(queue);
        } catch (CLException e) {
            throw translate("waiting for the device queue", e);
        }
        for (int k = 0; k < pending.size(); k++) {
            cl_event ev = pending.get(k);
            profile.addKernel(pendingNames.get(k), eventNanos(ev));
            CL.clReleaseEvent(ev);
        }
        pending.clear();
        pendingNames.clear();
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
