package difflab.backend;

import difflab.core.Precision;
import java.util.List;
import java.util.function.Function;

/**
 * The few things a device API must do for difflab, on one opened device: build the kernels, allocate and free
 * buffers, copy to and from them, launch a {@link KernelCall} and time it with device events. Everything above
 * (named buffers, REAL conversion, the profile, the execution plan, FORS, the benchmark's kernel timings, device
 * selection) is written once over this interface in {@link DeviceSession}, {@link DeviceBackend},
 * {@link KernelTimer} and {@link DeviceListing}; an implementation ({@code OpenClDriver} over JOCL,
 * {@code CudaDriver} over JCuda) holds only the API calls and its error mapping.
 *
 * <p>Work is ordered as submitted (one in-order OpenCL queue, the legacy CUDA stream). Copies block;
 * launches are asynchronous until {@link #finish}. Failures are {@link difflab.core.BackendException}s.
 */
public interface DeviceDriver extends AutoCloseable {

    /** The backend id ({@code opencl}, {@code cuda}). */
    String backend();

    /** The device's name, as the driver reports it. */
    String deviceName();

    /** The device in words for results and logs, e.g. {@code cpu-haswell [Portable Computing Language]}. */
    String device();

    /** Particles per work-item the kernels may be built for (the first is the smallest). */
    List<Integer> vectorWidths();

    /** The vector width to use for {@code precision} when the caller asks for none (0). */
    int defaultVectorWidth(Precision precision);

    /** What the particle buffers of a run may use now ({@link Chunking#capacity}). */
    MemoryLimits memory();

    /**
     * Compiles or loads the difflab kernels ({@code KernelSources.translationUnit()}) for {@code precision},
     * mixtures of up to {@code maxComponents} components and {@code vectorWidth} particles per work-item.
     *
     * @throws difflab.core.BackendException BUILD_FAILED with the compiler's log, NO_FP64, UNSUPPORTED
     */
    DeviceProgram build(Precision precision, int maxComponents, int vectorWidth);

    /**
     * Allocates {@code bytes} (at least one double) of device memory.
     *
     * @throws difflab.core.BackendException OUT_OF_MEMORY, naming {@code name}
     */
    Buffer allocate(String name, long bytes);

    /** Frees a buffer of {@link #allocate}. */
    void free(Buffer buffer);

    /** Blocking copy of the first {@code count} elements of {@code src} to the start of {@code dst}; device nanoseconds. */
    long copyIn(Buffer dst, HostArray src, int count);

    /**
     * Blocking copy of {@code count} elements from the start of {@code src} into the start of {@code dst}, after all
     * queued work; device nanoseconds.
     */
    long copyOut(Buffer src, HostArray dst, int count);

    /**
     * Enqueues {@code call} (not empty) of {@code program}, binding buffer arguments through {@code buffers};
     * asynchronous.
     *
     * @return the launch's timing, to be read after {@link #finish}
     */
    LaunchTiming launch(DeviceProgram program, KernelCall call, Function<String, Buffer> buffers);

    /** Waits for every queued command. */
    void finish();

    /** Releases the context (programs and buffers must be released first). */
    @Override
    void close();

    /** A device allocation: the driver's handle behind it, the name it was allocated under and its size. */
    interface Buffer {
        String name();

        long bytes();
    }

    /** The device time of one launch. */
    interface LaunchTiming {
        /** Waits for the launch, returns its device nanoseconds and releases the timing's events; called once. */
        long takeNanos();
    }

    /**
     * Memory limits for chunking.
     *
     * @param maxAllocationBytes largest single buffer (OpenCL {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}; CUDA: free memory)
     * @param availableBytes     memory the buffers of a run may fill (OpenCL global memory; CUDA free memory)
     */
    record MemoryLimits(long maxAllocationBytes, long availableBytes) {
    }

    /** A Java array to copy from or into; drivers pass it to the device API without copying it. */
    sealed interface HostArray permits HostArray.Doubles, HostArray.Floats, HostArray.Ints, HostArray.Longs {
        /** Bytes per element. */
        int elementBytes();

        /** {@code double[]}. */
        record Doubles(double[] values) implements HostArray {
            public int elementBytes() {
                return Double.BYTES;
            }
        }

        /** {@code float[]} (REAL in fp32 programs). */
        record Floats(float[] values) implements HostArray {
            public int elementBytes() {
                return Float.BYTES;
            }
        }

        /** {@code int[]}. */
        record Ints(int[] values) implements HostArray {
            public int elementBytes() {
                return Integer.BYTES;
            }
        }

        /** {@code long[]}. */
        record Longs(long[] values) implements HostArray {
            public int elementBytes() {
                return Long.BYTES;
            }
        }
    }
}
