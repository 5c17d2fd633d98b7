package difflab.backend;

import difflab.core.Precision;
import difflab.core.Profile;

/**
 * A device context with the difflab kernels loaded and named buffers, behind one small interface, so that the
 * host loops run unchanged on OpenCL and CUDA: the task-graph {@link ExecutionPlan} of the coefficient-program
 * samplers and the FORS relaunch loop {@link DeviceForsRunner}. Launches take the backend-neutral {@link KernelCall}; reads wait for all
 * queued work, writes happen before any later launch. Buffers live until {@link #releaseBuffers} or {@link #close}.
 */
public interface DeviceSession extends AutoCloseable {

    /** The backend id ({@code opencl}, {@code cuda}). */
    String backend();

    /** The device, in words. */
    String device();

    /** The precision of {@code REAL} in the loaded kernels. */
    Precision precision();

    /** The profile (kernel times, copies, build) since the session opened or {@link #resetProfile} was called. */
    Profile profile();

    /** Starts a fresh profile and returns it. */
    Profile resetProfile();

    /**
     * Allocates a buffer of {@code bytes} (at least one element) under {@code name}.
     *
     * @throws BackendException OUT_OF_MEMORY when the device cannot
     */
    void allocate(String name, long bytes);

    /** Writes {@code count} values to the start of buffer {@code name} as {@code REAL}. */
    void writeReals(String name, double[] src, int count);

    /** Writes {@code count} 32-bit integers to the start of buffer {@code name}. */
    void writeInts(String name, int[] src, int count);

    /** Writes {@code count} 64-bit integers to the start of buffer {@code name}. */
    void writeLongs(String name, long[] src, int count);

    /** Reads {@code count} {@code REAL}s from the start of buffer {@code name}, after all queued work. */
    void readReals(String name, double[] dst, int count);

    /** Reads {@code count} 32-bit integers from the start of buffer {@code name}, after all queued work. */
    void readInts(String name, int[] dst, int count);

    /** Reads {@code count} 64-bit integers from the start of buffer {@code name}, after all queued work. */
    void readLongs(String name, long[] dst, int count);

    /**
     * Enqueues one kernel launch; {@link KernelCall.Arg.Buffer} arguments name buffers of this session. Launches are
     * asynchronous; kernel times reach the profile at the next read or {@link #finish}.
     */
    void launch(KernelCall call);

    /** Waits for every queued launch and records its time in the profile. */
    void finish();

    /** Releases every buffer; the kernels and the context stay for later runs. */
    void releaseBuffers();

    /** Releases every buffer, the kernels and the context. */
    @Override
    void close();
}
