package difflab.backend;

import difflab.backend.KernelCall.Arg;
import difflab.core.Precision;
import difflab.kernels.CombineKernel;
import difflab.kernels.GaussianDiagDenoiser;
import difflab.kernels.GmmDenoiser;
import difflab.kernels.KernelSources;
import difflab.kernels.NoiseLayout;
import difflab.kernels.NormalNoiseKernel;
import difflab.kernels.Reductions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import static difflab.backend.KernelCall.buf;
import static difflab.backend.KernelCall.i32;
import static difflab.backend.KernelCall.real;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Device kernels against their Java twins, kernel by kernel, through the shared {@link DeviceSession} (named
 * buffers, REAL copies, {@link KernelCall}s, event timing), and the benchmark's {@link KernelTimer}: the same checks
 * on every driver. A subclass supplies the backends, one per vector width worth testing, at fp64.
 */
public abstract class DeviceKernelContract {

    /** Particles: a multiple of every tested vector width (kernels need padded rows). */
    protected static final int N = 40;
    protected static final int D = 5;
    static final int K = 4;
    static final long SEED = 0xC0FFEE_1234L;
    /** Normals: log/cos/sin differ by a few ulps between Java and the device; |z| &lt; 10. */
    static final double NORMAL_ABS_TOL = 1e-14;
    /** Mixture denoiser: exp/log ulps amplified by the responsibilities. */
    static final double DENOISER_REL_TOL = 1e-13;

    /** The fp64 backends under test (opened and closed by the subclass). */
    protected abstract List<DeviceBackend> backends();

    /** Runs {@code check} on a session of each backend (kernels for {@value #K} components), releasing its buffers. */
    void forEachSession(java.util.function.Consumer<DeviceSession> check) {
        for (DeviceBackend b : backends()) {
            try (DeviceSession s = b.session(K)) {
                check.accept(s);
            }
        }
    }

    static double[] random(int len, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = r.nextDouble(-2, 2);
        }
        return a;
    }

    static void upload(DeviceSession s, String name, double[] v) {
        s.allocate(name, (long) v.length * Double.BYTES);
        s.writeReals(name, v, v.length);
    }

    static double[] download(DeviceSession s, String name, int len) {
        double[] v = new double[len];
        s.readReals(name, v, len);
        return v;
    }

    static KernelCall call(String kernel, List<Arg> args, long... global) {
        return new KernelCall(kernel, args, global);
    }

    @Test
    void philoxKnownAnswersOnDevice() {
        int[][] kat = {
                {0, 0, 0, 0, 0, 0},
                {-1, -1, -1, -1, -1, -1},
                {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0}};
        int[][] expected = {
                {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
                {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
                {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}};
        int[] in = new int[18];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(kat[r], 0, in, 6 * r, 6);
        }
        forEachSession(s -> {
            s.allocate("in", 18L * Integer.BYTES);
            s.allocate("out", 12L * Integer.BYTES);
            s.writeInts("in", in, 18);
            s.launch(call("philox_kat", List.of(i32(3), buf("in"), buf("out")), 3));
            int[] out = new int[12];
            s.readInts("out", out, 12);
            for (int r = 0; r < 3; r++) {
                int[] got = {out[4 * r], out[4 * r + 1], out[4 * r + 2], out[4 * r + 3]};
                assertArrayEquals(expected[r], got, s.device() + " KAT row " + r);
            }
            assertEquals(1, s.profile().kernels().get("philox_kat").launches(), s.profile().format());
        });
    }

    @Test
    void normalsMatchJavaTwin() {
        double[] java = new double[N * D];
        NormalNoiseKernel.fill(N, D, 0, N, SEED, 1000, 7, 3, java);
        forEachSession(s -> {
            s.allocate("z", (long) N * D * Double.BYTES);
            s.launch(call("normals", List.of(i32(N), i32(D), i32(NoiseLayout.key0(SEED)), i32(NoiseLayout.key1(SEED)),
                    i32(1000), i32(7), i32(3), buf("z")), N / s.vectorWidth(), (D + 1) / 2));
            double[] dev = download(s, "z", N * D);
            for (int e = 0; e < N * D; e++) {
                assertEquals(java[e], dev[e], NORMAL_ABS_TOL, "VW=" + s.vectorWidth() + " element " + e);
            }
        });
    }

    /** The COMBO_PARAMS of {@code a·x + Σ c_k·t_k}, no noise; unused term slots point at {@code dummy}. */
    static List<Arg> combo(double a, String x, List<String> terms, double[] c, String dummy) {
        List<Arg> args = new ArrayList<>(List.of(real(a), buf(x), i32(terms.size())));
        for (int k = 0; k < KernelSources.MAX_TERMS; k++) {
            args.add(buf(k < terms.size() ? terms.get(k) : dummy));
        }
        for (int k = 0; k < KernelSources.MAX_TERMS; k++) {
            args.add(real(k < c.length ? c[k] : 0.0));
        }
        args.addAll(List.of(i32(0), i32(0), i32(0), i32(0), i32(0), i32(0), real(0.0), i32(0), real(0.0)));
        return args;
    }

    @Test
    void combineIsBitIdenticalToJavaTwin() {
        double[] x = random(N * D, 1);
        double[][] t = {random(N * D, 2), random(N * D, 3), random(N * D, 4)};
        double[] c = {0.3, -1.7, 1.0 / 3.0};
        double[] java = new double[N * D];
        CombineKernel.combine(N, D, 0, N, 0.9, x, c, t, java);
        forEachSession(s -> {
            upload(s, "x", x);
            for (int k = 0; k < t.length; k++) {
                upload(s, "T" + k, t[k]);
            }
            List<Arg> args = new ArrayList<>(List.of(i32(N), i32(D)));
            args.addAll(combo(0.9, "x", List.of("T0", "T1", "T2"), c, "x"));
            args.add(buf("x")); // in place, as the output step does
            s.launch(call("combine", args, N / s.vectorWidth(), (D + 1) / 2));
            assertArrayEquals(java, download(s, "x", N * D), "VW=" + s.vectorWidth());
        });
    }

    @Test
    void stageKernelsMatchDenoiserTwins() {
        double alpha = 0.7;
        double sigma = 0.5;
        double[] x = random(N * D, 5);
        double[] logW = {Math.log(0.1), Math.log(0.2), Math.log(0.3), Math.log(0.4)};
        double[] means = random(K * D, 6);
        double[] isoVars = {0.2, 0.5, 1.0, 0.3};
        double[] diagVars = new double[K * D];
        for (int e = 0; e < diagVars.length; e++) {
            diagVars[e] = 0.1 + 0.05 * e;
        }
        forEachSession(s -> {
            for (String family : new String[] {"gauss", "iso", "diag"}) {
                upload(s, "x", x);
                upload(s, "means", means);
                upload(s, "logW", logW);
                s.allocate("table", (long) GmmDenoiser.diagonalTableLength(K, D) * Double.BYTES);
                s.allocate("M", (long) N * D * Double.BYTES);
                s.allocate("P", (long) N * D * Double.BYTES);
                double[] java = new double[N * D];
                String stage;
                List<Arg> stageArgs = new ArrayList<>(List.of(i32(N), i32(D)));
                stageArgs.addAll(combo(1.0, "x", List.of(), new double[0], "x"));
                stageArgs.add(real(alpha));
                if (family.equals("gauss")) {
                    GaussianDiagDenoiser.denoise(N, D, 0, N, alpha, sigma, means, diagVars, x, java);
                    upload(s, "vars", diagVars);
                    s.launch(call("gauss_diag_prepare", List.of(i32(D), real(alpha), real(sigma), buf("vars"),
                            buf("table")), D));
                    stage = "stage_gauss_diag";
                } else {
                    boolean diag = family.equals("diag");
                    double[] v = diag ? diagVars : isoVars;
                    if (diag) {
                        GmmDenoiser.denoiseDiagonal(N, D, 0, N, alpha, sigma, K, logW, means, v, x, java);
                    } else {
                        GmmDenoiser.denoiseIsotropic(N, D, 0, N, alpha, sigma, K, logW, means, v, x, java);
                    }
                    upload(s, "vars", v);
                    s.launch(call(diag ? "gmm_diag_prepare" : "gmm_iso_prepare", List.of(i32(D), i32(K), real(alpha),
                            real(sigma), buf("logW"), buf("vars"), buf("means"), buf("table")), K));
                    stage = diag ? "stage_gmm_diag" : "stage_gmm_iso";
                    stageArgs.add(i32(K));
                }
                stageArgs.addAll(List.of(buf("means"), buf("table"), buf("M"), i32(1), buf("P")));
                int vw = s.vectorWidth();
                s.launch(call(stage, stageArgs, family.equals("gauss") ? new long[] {N / vw, (D + 1) / 2}
                        : new long[] {N / vw}));
                double[] dev = download(s, "M", N * D);
                for (int e = 0; e < N * D; e++) {
                    assertEquals(java[e], dev[e], DENOISER_REL_TOL * Math.max(1.0, Math.abs(java[e])),
                            family + " VW=" + vw + " element " + e);
                }
                assertArrayEquals(x, download(s, "P", N * D), family + ": stored stage point");
                s.releaseBuffers();
            }
        });
    }

    @Test
    void reductionsMatchJavaTwin() {
        double[] a = random(N * D, 8);
        double[] b = random(N * D, 9);
        double[] java = new double[N];
        Reductions.squaredDistances(N, D, 0, N, a, b, java);
        int groups = 8;
        forEachSession(s -> {
            upload(s, "a", a);
            upload(s, "b", b);
            s.allocate("r", (long) N * Double.BYTES);
            s.launch(call("sq_dist", List.of(i32(N), i32(D), buf("a"), buf("b"), buf("r")), N));
            assertArrayEquals(java, download(s, "r", N));

            s.allocate("partial", 2L * groups * Double.BYTES);
            s.launch(call("partial_sums", List.of(new Arg.I64(0), new Arg.I64((long) N * D), i32(groups), buf("a"),
                    buf("partial")), groups));
            double[] p = download(s, "partial", 2 * groups);
            double[] sums = new double[groups];
            double[] squares = new double[groups];
            for (int g = 0; g < groups; g++) {
                sums[g] = p[2 * g];
                squares[g] = p[2 * g + 1];
            }
            assertEquals(Reductions.sum(a, 0, a.length), Reductions.sum(sums, 0, groups), 1e-14);
            assertEquals(Reductions.sumOfSquares(a, 0, a.length), Reductions.sum(squares, 0, groups), 1e-13);
        });
    }

    /** The benchmark's timings are positive device times, one per repetition, and leave no buffer behind. */
    @Test
    void kernelTimerMeasuresPeakCopyAndCombine() {
        forEachSession(s -> {
            int n = 16 * s.vectorWidth();
            double[][] cc = KernelTimer.copyAndCombine(s, n, 3, 2);
            double[] copy = KernelTimer.copy(s, 64, 2);
            double[] peak = KernelTimer.peakFma(s, 2);
            for (double[] series : new double[][] {cc[0], cc[1], copy, peak}) {
                assertEquals(2, series.length);
                for (double v : series) {
                    assertTrue(v > 0 && v < 10, "seconds " + v);
                }
            }
            s.allocate("x", 8); // the timers released their buffers, so the names are free again
        });
    }

    /** The kernels copy REAL values in the session's precision: a double survives fp64 exactly. */
    @Test
    void realsRoundTripExactlyInFp64() {
        forEachSession(s -> {
            assertEquals(Precision.FP64, s.precision());
            double[] v = random(7, 10);
            upload(s, "v", v);
            assertArrayEquals(v, download(s, "v", 7));
            assertEquals(7L * Double.BYTES, s.profile().copyInBytes(), s.profile().format());
        });
    }
}
