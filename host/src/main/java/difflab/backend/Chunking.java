package difflab.backend;

import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import difflab.core.Precision;
import java.util.Arrays;

/**
 * Particle chunking shared by the device execution plans (ARCHITECTURE "Host": runs larger than the
 * device allows are split into particle chunks).
 *
 * <p>A chunk of m particles lives on the device coordinate-major with row stride
 * {@code roundUp(m, VW)}: {@code chunk[j*stride + i]} is coordinate j of the chunk's particle i; the
 * padding lanes hold zeros, are computed on and never copied back. Noise is keyed by the global particle
 * index (chunk offset + i), so results do not depend on the chunk size.
 */
public final class Chunking {

    /** Fraction of the device memory a plan may fill with particle buffers. */
    public static final double MEMORY_FRACTION = 0.8;

    private Chunking() {
    }

    /** {@code m} rounded up to a multiple of {@code w} (both &gt; 0). */
    public static int roundUp(int m, int w) {
        return (m + w - 1) / w * w;
    }

    /**
     * Largest chunk (particles) such that each of the {@code buffers} particle buffers, its rows padded
     * to a multiple of {@code vectorWidth}, fits {@code maxAllocBytes} and all of them fit
     * {@link #MEMORY_FRACTION} of {@code memoryBytes}; capped at {@code n} and at {@code limit} (&gt; 0;
     * for tests and memory budgets), and at the largest chunk whose n·d elements a Java array indexes.
     *
     * @param device        device name for the error message
     * @param maxAllocBytes largest single allocation (OpenCL {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}; CUDA: the
     *                      memory itself)
     * @param memoryBytes   memory available to the plan (OpenCL global memory; CUDA free memory)
     * @throws BackendException OUT_OF_MEMORY if not even one particle group fits
     */
    public static int capacity(String device, long maxAllocBytes, long memoryBytes, int buffers, int n, int d,
                               Precision precision, int limit, int vectorWidth) {
        long rowBytes = (long) d * precision.bytes();
        long byAlloc = maxAllocBytes / rowBytes;
        long byTotal = (long) (memoryBytes * MEMORY_FRACTION) / (rowBytes * buffers);
        long cap = Math.min(byAlloc, byTotal) / vectorWidth * vectorWidth;
        cap = Math.min(cap, (Integer.MAX_VALUE - vectorWidth) / Math.max(d, 1));
        if (cap < vectorWidth) {
            throw new BackendException(Reason.OUT_OF_MEMORY, vectorWidth + " particle(s) of dimension " + d + " need "
                    + vectorWidth * rowBytes * buffers + " bytes over " + buffers + " buffers, more than " + device
                    + " can hold (max allocation " + maxAllocBytes + " bytes, memory " + memoryBytes + " bytes)");
        }
        cap = Math.min(cap, n);
        if (limit > 0) {
            cap = Math.min(cap, limit);
        }
        return (int) Math.max(cap, 1);
    }

    /**
     * Copies particles {@code offset .. offset+m-1} of {@code x} (n particles, coordinate-major) into
     * {@code chunk} with row stride {@code stride >= m}, zero-filling the padding.
     */
    public static void gather(double[] x, int n, int d, int offset, int m, int stride, double[] chunk) {
        for (int j = 0; j < d; j++) {
            System.arraycopy(x, j * n + offset, chunk, j * stride, m);
            Arrays.fill(chunk, j * stride + m, (j + 1) * stride, 0.0);
        }
    }

    /** Inverse of {@link #gather}: copies the chunk's m particles back into {@code result} at {@code offset}. */
    public static void scatter(double[] chunk, int stride, int m, double[] result, int n, int d, int offset) {
        for (int j = 0; j < d; j++) {
            System.arraycopy(chunk, j * stride, result, j * n + offset, m);
        }
    }
}
