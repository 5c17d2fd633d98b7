package difflab.backend.opencl;

import difflab.core.Precision;
import difflab.kernels.KernelSources;
import java.util.SplittableRandom;
import org.jocl.cl_mem;

/**
 * Device-time measurements of single kernels for the benchmark: the {@code copy_real} kernel (the
 * device's attainable bandwidth) and the output {@code combine} kernel
 * {@code x = a·x + b0·M0 + b1·M1} (the DPM-Solver++(2M) output row: 3 reads and 1 write per element),
 * over the same buffers.
 * Times come from OpenCL event profiling, so host overheads are excluded.
 */
public final class OpenClKernelTimer {

    /** Terms of the timed combination (DPM-Solver++(2M) reads the current and the previous model output). */
    public static final int COMBINE_TERMS = 2;

    private OpenClKernelTimer() {
    }

    /** Bytes moved by one copy of {@code elements} elements. */
    public static long copyBytes(long elements, Precision p) {
        return 2L * elements * p.bytes();
    }

    /** Bytes moved by one combine of {@code elements} elements ({@link #COMBINE_TERMS} + 1 reads, 1 write). */
    public static long combineBytes(long elements, Precision p) {
        return (COMBINE_TERMS + 2L) * elements * p.bytes();
    }

    /**
     * Device seconds of the copy kernel ({@code M1 = M0}, n·d elements) and of the output combine kernel
     * ({@code x = 0.5·x + 0.3·M0 − 0.1·M1}) on n particles in d dimensions, {@code reps} of each after one
     * warm-up, alternating so that both see the same machine load.
     *
     * @return {copy seconds, combine seconds}
     */
    public static double[][] copyAndCombine(OpenClBackend backend, int n, int d, int reps) {
        OpenClContext ctx = backend.context();
        OpenClProgram program = backend.program(1);
        Precision p = backend.precision();
        int vw = program.vectorWidth();
        if (n % vw != 0) {
            throw new IllegalArgumentException("particles " + n + " must be a multiple of the vector width " + vw);
        }
        long elements = (long) n * d;
        long bytes = elements * p.bytes();
        cl_mem x = ctx.allocate("x", bytes);
        cl_mem m0 = ctx.allocate("M0", bytes);
        cl_mem m1 = ctx.allocate("M1", bytes);
        try {
            double[] data = random(n * d);
            ctx.write(x, p, data, 0, n * d);
            ctx.write(m0, p, data, 0, n * d);
            ctx.write(m1, p, data, 0, n * d);
            new KernelArgs(program.kernel("copy_real"), p).i64(elements).mem(m0).mem(m1);
            KernelArgs a = new KernelArgs(program.kernel("combine"), p).i32(n).i32(d);
            // a contracting map, so repeated launches stay bounded
            a.real(0.5).mem(x).i32(COMBINE_TERMS).mem(m0).mem(m1);
            for (int k = COMBINE_TERMS; k < KernelSources.MAX_TERMS; k++) {
                a.mem(x);
            }
            a.real(0.3).real(-0.1);
            for (int k = COMBINE_TERMS; k < KernelSources.MAX_TERMS; k++) {
                a.real(0.0);
            }
            a.i32(0).i32(0).i32(0).i32(0).i32(0).i32(0).real(0.0).i32(0).real(0.0).mem(x);
            double[][] s = new double[2][reps];
            for (int r = -1; r < reps; r++) {
                double c = once(ctx, "copy_real", () -> ctx.launchLocal("copy_real", program.kernel("copy_real"),
                        ctx.streamLocal(1), elements / vw));
                double m = once(ctx, "combine", () -> ctx.launchLocal("combine", program.kernel("combine"),
                        ctx.streamLocal(2), n / vw, (d + 1) / 2));
                if (r >= 0) {
                    s[0][r] = c;
                    s[1][r] = m;
                }
            }
            return s;
        } finally {
            ctx.release(x, bytes);
            ctx.release(m0, bytes);
            ctx.release(m1, bytes);
        }
    }

    /** Device seconds of {@code reps} copies of {@code elements} elements (after one warm-up). */
    public static double[] copy(OpenClBackend backend, int elements, int reps) {
        OpenClContext ctx = backend.context();
        OpenClProgram program = backend.program(1);
        int vw = program.vectorWidth();
        if (elements % vw != 0) {
            throw new IllegalArgumentException("copy elements " + elements + " must be a multiple of the vector width "
                    + vw);
        }
        long bytes = (long) elements * backend.precision().bytes();
        cl_mem src = ctx.allocate("copy-src", bytes);
        cl_mem dst = ctx.allocate("copy-dst", bytes);
        try {
            ctx.write(src, backend.precision(), random(elements), 0, elements);
            new KernelArgs(program.kernel("copy_real"), backend.precision()).i64(elements).mem(src).mem(dst);
            double[] s = new double[reps];
            for (int r = -1; r < reps; r++) {
                double t = once(ctx, "copy_real", () -> ctx.launchLocal("copy_real", program.kernel("copy_real"),
                        ctx.streamLocal(1), elements / vw));
                if (r >= 0) {
                    s[r] = t;
                }
            }
            return s;
        } finally {
            ctx.release(src, bytes);
            ctx.release(dst, bytes);
        }
    }

    /** Work-items of the {@code peak_fma} launch. */
    public static final int PEAK_WORK_ITEMS = 1 << 12;
    /** fma rounds per work-item of the {@code peak_fma} launch. */
    public static final int PEAK_ITERATIONS = 1 << 13;

    /** Flops of one {@code peak_fma} launch: 8 chains × 2 flops × VW lanes × iterations × work-items. */
    public static double peakFlops(int vectorWidth) {
        return 16.0 * vectorWidth * PEAK_ITERATIONS * (double) PEAK_WORK_ITEMS;
    }

    /**
     * Device seconds of {@code reps} launches of the {@code peak_fma} microkernel (after one warm-up); flops per
     * launch {@link #peakFlops}{@code (program VW)}.
     */
    public static double[] peakFma(OpenClBackend backend, int reps) {
        OpenClContext ctx = backend.context();
        OpenClProgram program = backend.program(1);
        int vw = program.vectorWidth();
        long bytes = (long) PEAK_WORK_ITEMS * vw * backend.precision().bytes();
        cl_mem out = ctx.allocate("peak-out", bytes);
        try {
            new KernelArgs(program.kernel("peak_fma"), backend.precision()).i32(PEAK_ITERATIONS).real(0.999)
                    .real(1e-3).mem(out);
            double[] s = new double[reps];
            for (int r = -1; r < reps; r++) {
                double t = once(ctx, "peak_fma", () -> ctx.launchLocal("peak_fma", program.kernel("peak_fma"),
                        ctx.streamLocal(1), PEAK_WORK_ITEMS));
                if (r >= 0) {
                    s[r] = t;
                }
            }
            return s;
        } finally {
            ctx.release(out, bytes);
        }
    }

    private static double once(OpenClContext ctx, String name, Runnable launch) {
        ctx.resetProfile();
        launch.run();
        ctx.finish();
        return ctx.profile().kernels().get(name).nanos() * 1e-9;
    }

    private static double[] random(int len) {
        SplittableRandom rng = new SplittableRandom(len);
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = rng.nextDouble(-1, 1);
        }
        return a;
    }
}
