package difflab.backend;

import difflab.backend.KernelCall.Arg;
import difflab.core.Precision;
import difflab.kernels.KernelSources;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Device-time measurements of single kernels for {@code difflab bench}, on any {@link DeviceSession}: the
 * {@code peak_fma} microkernel (the attainable flop rate), the {@code copy_real} kernel ({@code dst = src}, 2 × s
 * bytes per element: the attainable bandwidth) and the output {@code combine} kernel
 * {@code x = 0.5·x + 0.3·M0 − 0.1·M1} (the DPM-Solver++(2M) output row: 3 reads and 1 write per element). Copy and
 * combine repetitions alternate over the same n·d buffers, so both see the same machine load. Times are device
 * event times (OpenCL profiling, CUDA events), so host launch overheads are excluded.
 */
public final class KernelTimer {

    /** Terms of the timed combination (DPM-Solver++(2M) reads the current and the previous model output). */
    public static final int COMBINE_TERMS = 2;
    /** Work-items of the {@code peak_fma} launch. */
    public static final int PEAK_WORK_ITEMS = 1 << 12;
    /** fma rounds per work-item of the {@code peak_fma} launch. */
    public static final int PEAK_ITERATIONS = 1 << 13;
    private static final String X = "x";
    private static final String M0 = "M0";
    private static final String M1 = "M1";
    private static final String PEAK_OUT = "peak-out";

    private KernelTimer() {
    }

    /** Bytes moved by one copy of {@code elements} elements. */
    public static long copyBytes(long elements, Precision p) {
        return 2L * elements * p.bytes();
    }

    /** Bytes moved by one combine of {@code elements} elements ({@link #COMBINE_TERMS} + 1 reads, 1 write). */
    public static long combineBytes(long elements, Precision p) {
        return (COMBINE_TERMS + 2L) * elements * p.bytes();
    }

    /** Flops of one {@code peak_fma} launch: 8 chains × 2 flops × VW lanes × iterations × work-items. */
    public static double peakFlops(int vectorWidth) {
        return 16.0 * vectorWidth * PEAK_ITERATIONS * (double) PEAK_WORK_ITEMS;
    }

    /** The launch of {@code copy_real}: {@code dst[e] = src[e]} for e &lt; elements, VW elements per work-item. */
    public static KernelCall copyCall(long elements, int vectorWidth, String src, String dst) {
        return new KernelCall("copy_real", List.of(new Arg.I64(elements), new Arg.Buffer(src), new Arg.Buffer(dst)),
                new long[] {elements / vectorWidth});
    }

    /** The launch of {@code combine} computing {@code x = 0.5·x + 0.3·M0 − 0.1·M1} over n particles in d dimensions. */
    public static KernelCall combineCall(int n, int d, int vectorWidth) {
        // a contracting map, so repeated launches stay bounded
        List<Arg> a = new ArrayList<>(List.of(new Arg.I32(n), new Arg.I32(d), new Arg.Real(0.5), new Arg.Buffer(X),
                new Arg.I32(COMBINE_TERMS), new Arg.Buffer(M0), new Arg.Buffer(M1)));
        for (int k = COMBINE_TERMS; k < KernelSources.MAX_TERMS; k++) {
            a.add(new Arg.Buffer(X));
        }
        a.add(new Arg.Real(0.3));
        a.add(new Arg.Real(-0.1));
        for (int k = COMBINE_TERMS; k < KernelSources.MAX_TERMS; k++) {
            a.add(new Arg.Real(0.0));
        }
        // no noise: nz, key0, key1, particle offset, step, stream 0, coefficient 0, stream 1, coefficient 1
        a.addAll(List.of(new Arg.I32(0), new Arg.I32(0), new Arg.I32(0), new Arg.I32(0), new Arg.I32(0), new Arg.I32(0),
                new Arg.Real(0.0), new Arg.I32(0), new Arg.Real(0.0), new Arg.Buffer(X)));
        return new KernelCall("combine", a, new long[] {n / vectorWidth, (d + 1) / 2});
    }

    /** The launch of {@code peak_fma}: {@link #PEAK_ITERATIONS} rounds of 8 fma chains per work-item into {@code out}. */
    public static KernelCall peakCall(String out) {
        return new KernelCall("peak_fma", List.of(new Arg.I32(PEAK_ITERATIONS), new Arg.Real(0.999), new Arg.Real(1e-3),
                new Arg.Buffer(out)), new long[] {PEAK_WORK_ITEMS});
    }

    /**
     * Device seconds of the copy kernel ({@code M1 = M0}, n·d elements) and of the output combine kernel on n
     * particles in d dimensions, {@code reps} of each after one warm-up, alternating.
     *
     * @return {copy seconds, combine seconds}
     */
    public static double[][] copyAndCombine(DeviceSession session, int n, int d, int reps) {
        int vw = session.vectorWidth();
        requireMultiple("particles", n, vw);
        long elements = (long) n * d;
        long bytes = elements * session.precision().bytes();
        try {
            double[] data = random(n * d);
            for (String name : List.of(X, M0, M1)) {
                session.allocate(name, bytes);
                session.writeReals(name, data, n * d);
            }
            KernelCall copy = copyCall(elements, vw, M0, M1);
            KernelCall combine = combineCall(n, d, vw);
            double[][] s = new double[2][reps];
            for (int r = -1; r < reps; r++) {
                double c = once(session, copy);
                double m = once(session, combine);
                if (r >= 0) {
                    s[0][r] = c;
                    s[1][r] = m;
                }
            }
            return s;
        } finally {
            session.releaseBuffers();
        }
    }

    /** Device seconds of {@code reps} copies of {@code elements} elements (after one warm-up). */
    public static double[] copy(DeviceSession session, int elements, int reps) {
        requireMultiple("copy elements", elements, session.vectorWidth());
        try {
            session.allocate("copy-src", (long) elements * session.precision().bytes());
            session.allocate("copy-dst", (long) elements * session.precision().bytes());
            session.writeReals("copy-src", random(elements), elements);
            return repeat(session, copyCall(elements, session.vectorWidth(), "copy-src", "copy-dst"), reps);
        } finally {
            session.releaseBuffers();
        }
    }

    /**
     * Device seconds of {@code reps} launches of the {@code peak_fma} microkernel (after one warm-up); flops per
     * launch {@link #peakFlops}{@code (session VW)}.
     */
    public static double[] peakFma(DeviceSession session, int reps) {
        try {
            session.allocate(PEAK_OUT, (long) PEAK_WORK_ITEMS * session.vectorWidth() * session.precision().bytes());
            return repeat(session, peakCall(PEAK_OUT), reps);
        } finally {
            session.releaseBuffers();
        }
    }

    private static double[] repeat(DeviceSession session, KernelCall call, int reps) {
        double[] s = new double[reps];
        for (int r = -1; r < reps; r++) {
            double t = once(session, call);
            if (r >= 0) {
                s[r] = t;
            }
        }
        return s;
    }

    private static double once(DeviceSession session, KernelCall call) {
        session.resetProfile();
        session.launch(call);
        session.finish();
        return session.profile().kernels().get(call.kernel()).nanos() * 1e-9;
    }

    private static void requireMultiple(String what, long value, int vectorWidth) {
        if (value % vectorWidth != 0) {
            throw new IllegalArgumentException(what + " " + value + " must be a multiple of the vector width "
                    + vectorWidth);
        }
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
