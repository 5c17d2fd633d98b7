package difflab.backend.cuda;

import difflab.backend.KernelCall.Arg;
import difflab.backend.KernelCall;
import difflab.core.Precision;
import difflab.core.Profile;
import difflab.kernels.KernelSources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jcuda.driver.CUdeviceptr;

/**
 * Device-time measurements of single kernels for {@code difflab bench --backends cuda}, the CUDA twin of
 * the OpenCL kernel timer: the {@code copy_real} kernel ({@code dst = src}, 2 × s bytes per element: the
 * attainable bandwidth) and the output {@code combine} kernel {@code x = 0.5·x + 0.3·M0 − 0.1·M1} (the
 * DPM-Solver++(2M) output row: 3 reads and 1 write per element). Repetitions alternate copy and combine over
 * the same n·d buffers; times are CUDA-event device times, so host launch overheads are excluded.
 */
public final class CudaKernelTimer {

    /** Model-output terms of the timed combination. */
    public static final int COMBINE_TERMS = 2;
    private static final String X = "x";
    private static final String M0 = "M0";
    private static final String M1 = "M1";

    private CudaKernelTimer() {
    }

    /** The launch of {@code copy_real}: {@code dst[e] = src[e]} for e &lt; elements. */
    public static KernelCall copyCall(long elements, String src, String dst) {
        return new KernelCall("copy_real", List.of(new Arg.I64(elements), new Arg.Buffer(src), new Arg.Buffer(dst)),
                new long[] {elements});
    }

    /** The launch of {@code combine} computing {@code x = 0.5·x + 0.3·M0 − 0.1·M1} over n particles in d dimensions. */
    public static KernelCall combineCall(int n, int d) {
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
        return new KernelCall("combine", a, new long[] {n, (d + 1) / 2});
    }

    /**
     * Device seconds of {@code reps} alternating launches of the copy kernel (over n·d elements) and the
     * combine kernel (n particles, d dimensions), after one warm-up of each: {@code [copy[], combine[]]}.
     */
    public static double[][] copyAndCombine(CudaBackend backend, int n, int d, int reps) {
        CudaContext ctx = backend.context();
        CudaModule module = backend.module(1);
        Precision p = backend.precision();
        long elements = (long) n * d;
        long bytes = elements * p.bytes();
        Map<String, CUdeviceptr> buffers = new HashMap<>();
        try {
            double[] data = random((int) elements);
            for (String name : List.of(X, M0, M1)) {
                CUdeviceptr b = ctx.allocate(name, bytes);
                buffers.put(name, b);
                ctx.write(b, p, data, 0, (int) elements);
            }
            KernelCall copy = copyCall(elements, M0, M1);
            KernelCall combine = combineCall(n, d);
            double[][] s = new double[2][reps];
            for (int r = -1; r < reps; r++) {
                double c = once(ctx, module, copy, p, buffers);
                double m = once(ctx, module, combine, p, buffers);
                if (r >= 0) {
                    s[0][r] = c;
                    s[1][r] = m;
                }
            }
            return s;
        } finally {
            for (CUdeviceptr b : buffers.values()) {
                ctx.release(b, bytes);
            }
        }
    }

    private static double once(CudaContext ctx, CudaModule module, KernelCall call, Precision p,
                               Map<String, CUdeviceptr> buffers) {
        Profile profile = ctx.resetProfile();
        ctx.launch(module.function(call.kernel()), call, p, buffers::get);
        ctx.finish();
        return profile.kernels().get(call.kernel()).nanos() * 1e-9;
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
