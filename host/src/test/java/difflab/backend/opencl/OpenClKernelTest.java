package difflab.backend.opencl;

import difflab.core.BackendException;
import difflab.core.Precision;
import difflab.kernels.CombineKernel;
import difflab.kernels.GaussianDiagDenoiser;
import difflab.kernels.GmmDenoiser;
import difflab.kernels.KernelSources;
import difflab.kernels.NoiseLayout;
import difflab.kernels.NormalNoiseKernel;
import difflab.kernels.Reductions;
import java.util.SplittableRandom;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Device kernels against their Java twins, kernel by kernel, and the error paths. */
class OpenClKernelTest {

    /** Particles: a multiple of every tested vector width (kernels need padded rows). */
    static final int N = 40;
    /** Vector widths tested: scalar (the CUDA shape) and the CPU default. */
    static final int[] WIDTHS = {1, OpenClBackend.CPU_VECTOR_WIDTH};
    static final int D = 5;
    static final long SEED = 0xC0FFEE_1234L;
    /** Normals: log/cos/sin differ by a few ulps between Java and the device; |z| &lt; 10. */
    static final double NORMAL_ABS_TOL = 1e-14;
    /** Mixture denoiser: exp/log ulps amplified by the responsibilities. */
    static final double DENOISER_REL_TOL = 1e-13;

    static OpenClBackend backend;
    static OpenClContext ctx;
    static OpenClProgram program;
    static OpenClBackend[] byWidth;

    @BeforeAll
    static void open() {
        OpenClTestSupport.requireOpenCl();
        backend = new OpenClBackend();
        ctx = backend.context();
        program = backend.program(4);
        byWidth = new OpenClBackend[WIDTHS.length];
        for (int w = 0; w < WIDTHS.length; w++) {
            byWidth[w] = new OpenClBackend(OpenClDevices.AUTO, Precision.FP64, WIDTHS[w]);
        }
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
        if (byWidth != null) {
            for (OpenClBackend b : byWidth) {
                if (b != null) {
                    b.close();
                }
            }
        }
    }

    /** Runs {@code check} with ctx/program bound to each vector width in turn. */
    static void forEachWidth(Runnable check) {
        OpenClContext savedCtx = ctx;
        OpenClProgram savedProgram = program;
        try {
            for (OpenClBackend b : byWidth) {
                ctx = b.context();
                program = b.program(4);
                check.run();
            }
        } finally {
            ctx = savedCtx;
            program = savedProgram;
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

    cl_mem upload(double[] v) {
        cl_mem m = ctx.allocate("t", (long) v.length * Sizeof.cl_double);
        ctx.write(m, Precision.FP64, v, 0, v.length);
        return m;
    }

    double[] download(cl_mem m, int len) {
        double[] v = new double[len];
        ctx.read(m, Precision.FP64, v, 0, len);
        return v;
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
        cl_mem mi = ctx.allocate("in", 18L * Sizeof.cl_uint);
        cl_mem mo = ctx.allocate("out", 12L * Sizeof.cl_uint);
        ctx.writeRaw(mi, 0, 18L * Sizeof.cl_uint, Pointer.to(in));
        new KernelArgs(program.kernel("philox_kat"), Precision.FP64).i32(3).mem(mi).mem(mo);
        ctx.launch("philox_kat", program.kernel("philox_kat"), 3);
        int[] out = new int[12];
        ctx.readRaw(mo, 0, 12L * Sizeof.cl_uint, Pointer.to(out));
        for (int r = 0; r < 3; r++) {
            int[] got = {out[4 * r], out[4 * r + 1], out[4 * r + 2], out[4 * r + 3]};
            assertArrayEquals(expected[r], got, "KAT row " + r);
        }
        ctx.release(mi, 18L * Sizeof.cl_uint);
        ctx.release(mo, 12L * Sizeof.cl_uint);
    }

    @Test
    void normalsMatchJavaTwin() {
        forEachWidth(this::normalsCheck);
    }

    void normalsCheck() {
        int vw = program.vectorWidth();
        double[] java = new double[N * D];
        NormalNoiseKernel.fill(N, D, 0, N, SEED, 1000, 7, 3, java);
        cl_mem out = ctx.allocate("z", (long) N * D * Sizeof.cl_double);
        new KernelArgs(program.kernel("normals"), Precision.FP64).i32(N).i32(D).i32(NoiseLayout.key0(SEED))
                .i32(NoiseLayout.key1(SEED)).i32(1000).i32(7).i32(3).mem(out);
        ctx.launch("normals", program.kernel("normals"), N / vw, (D + 1) / 2);
        double[] dev = download(out, N * D);
        for (int e = 0; e < N * D; e++) {
            assertEquals(java[e], dev[e], NORMAL_ABS_TOL, "VW=" + vw + " element " + e);
        }
        ctx.release(out, (long) N * D * Sizeof.cl_double);
    }

    /** Sets COMBO_PARAMS for a = 0.9 and three terms, no noise. */
    static void combo(KernelArgs a, double alpha, cl_mem x, cl_mem[] t, double[] c, cl_mem dummy) {
        a.real(alpha).mem(x).i32(t.length);
        for (int k = 0; k < KernelSources.MAX_TERMS; k++) {
            a.mem(k < t.length ? t[k] : dummy);
        }
        for (int k = 0; k < KernelSources.MAX_TERMS; k++) {
            a.real(k < c.length ? c[k] : 0.0);
        }
        a.i32(0).i32(0).i32(0).i32(0).i32(0).i32(0).real(0.0).i32(0).real(0.0);
    }

    @Test
    void combineIsBitIdenticalToJavaTwin() {
        forEachWidth(this::combineCheck);
    }

    void combineCheck() {
        int vw = program.vectorWidth();
        double[] x = random(N * D, 1);
        double[][] t = {random(N * D, 2), random(N * D, 3), random(N * D, 4)};
        double[] c = {0.3, -1.7, 1.0 / 3.0};
        double[] java = new double[N * D];
        CombineKernel.combine(N, D, 0, N, 0.9, x, c, t, java);
        cl_mem mx = upload(x);
        cl_mem[] mt = {upload(t[0]), upload(t[1]), upload(t[2])};
        KernelArgs a = new KernelArgs(program.kernel("combine"), Precision.FP64).i32(N).i32(D);
        combo(a, 0.9, mx, mt, c, mx);
        a.mem(mx); // in place, as the output step does
        ctx.launch("combine", program.kernel("combine"), N / vw, (D + 1) / 2);
        assertArrayEquals(java, download(mx, N * D), "VW=" + vw);
    }

    @Test
    void stageKernelsMatchDenoiserTwins() {
        forEachWidth(this::stageCheck);
    }

    void stageCheck() {
        int vw = program.vectorWidth();
        int k = 4;
        double alpha = 0.7;
        double sigma = 0.5;
        double[] x = random(N * D, 5);
        double[] logW = {Math.log(0.1), Math.log(0.2), Math.log(0.3), Math.log(0.4)};
        double[] means = random(k * D, 6);
        double[] isoVars = {0.2, 0.5, 1.0, 0.3};
        double[] diagVars = new double[k * D];
        for (int e = 0; e < diagVars.length; e++) {
            diagVars[e] = 0.1 + 0.05 * e;
        }
        cl_mem mx = upload(x);
        cl_mem mm = upload(means);
        cl_mem mw = upload(logW);
        cl_mem table = ctx.allocate("table", (long) GmmDenoiser.diagonalTableLength(k, D) * Sizeof.cl_double);
        cl_mem out = ctx.allocate("M", (long) N * D * Sizeof.cl_double);
        cl_mem point = ctx.allocate("P", (long) N * D * Sizeof.cl_double);
        for (String family : new String[] {"gauss", "iso", "diag"}) {
            double[] java = new double[N * D];
            cl_mem mv;
            String prep;
            String stage;
            if (family.equals("gauss")) {
                GaussianDiagDenoiser.denoise(N, D, 0, N, alpha, sigma, means, diagVars, x, java);
                mv = upload(diagVars);
                prep = "gauss_diag_prepare";
                stage = "stage_gauss_diag";
                new KernelArgs(program.kernel(prep), Precision.FP64).i32(D).real(alpha).real(sigma).mem(mv).mem(table);
                ctx.launch(prep, program.kernel(prep), D);
            } else {
                boolean diag = family.equals("diag");
                double[] v = diag ? diagVars : isoVars;
                if (diag) {
                    GmmDenoiser.denoiseDiagonal(N, D, 0, N, alpha, sigma, k, logW, means, v, x, java);
                } else {
                    GmmDenoiser.denoiseIsotropic(N, D, 0, N, alpha, sigma, k, logW, means, v, x, java);
                }
                mv = upload(v);
                prep = diag ? "gmm_diag_prepare" : "gmm_iso_prepare";
                stage = diag ? "stage_gmm_diag" : "stage_gmm_iso";
                new KernelArgs(program.kernel(prep), Precision.FP64).i32(D).i32(k).real(alpha).real(sigma).mem(mw)
                        .mem(mv).mem(mm).mem(table);
                ctx.launch(prep, program.kernel(prep), k);
            }
            KernelArgs a = new KernelArgs(program.kernel(stage), Precision.FP64).i32(N).i32(D);
            combo(a, 1.0, mx, new cl_mem[0], new double[0], mx);
            a.real(alpha);
            if (!family.equals("gauss")) {
                a.i32(k);
            }
            a.mem(mm).mem(table).mem(out).i32(1).mem(point);
            ctx.launch(stage, program.kernel(stage), family.equals("gauss") ? new long[] {N / vw, (D + 1) / 2}
                    : new long[] {N / vw});
            double[] dev = download(out, N * D);
            for (int e = 0; e < N * D; e++) {
                assertEquals(java[e], dev[e], DENOISER_REL_TOL * Math.max(1.0, Math.abs(java[e])),
                        family + " VW=" + vw + " element " + e);
            }
            assertArrayEquals(x, download(point, N * D), family + ": stored stage point");
        }
    }

    @Test
    void reductionsMatchJavaTwin() {
        double[] a = random(N * D, 8);
        double[] b = random(N * D, 9);
        double[] java = new double[N];
        Reductions.squaredDistances(N, D, 0, N, a, b, java);
        cl_mem ma = upload(a);
        cl_mem mb = upload(b);
        cl_mem out = ctx.allocate("r", (long) N * Sizeof.cl_double);
        new KernelArgs(program.kernel("sq_dist"), Precision.FP64).i32(N).i32(D).mem(ma).mem(mb).mem(out);
        ctx.launch("sq_dist", program.kernel("sq_dist"), N);
        assertArrayEquals(java, download(out, N));

        int groups = 8;
        cl_mem partial = ctx.allocate("partial", 2L * groups * Sizeof.cl_double);
        new KernelArgs(program.kernel("partial_sums"), Precision.FP64).i64(0).i64((long) N * D).i32(groups).mem(ma)
                .mem(partial);
        ctx.launch("partial_sums", program.kernel("partial_sums"), groups);
        double[] p = download(partial, 2 * groups);
        double[] sums = new double[groups];
        double[] squares = new double[groups];
        for (int g = 0; g < groups; g++) {
            sums[g] = p[2 * g];
            squares[g] = p[2 * g + 1];
        }
        assertEquals(Reductions.sum(a, 0, a.length), Reductions.sum(sums, 0, groups), 1e-14);
        assertEquals(Reductions.sumOfSquares(a, 0, a.length), Reductions.sum(squares, 0, groups), 1e-13);
    }

    @Test
    void buildFailureCarriesTheLog() {
        BackendException e = assertThrows(BackendException.class,
                () -> new OpenClProgram(ctx, "__kernel void broken(__global double* x) { x[0] = undefined_name; }",
                        "", Precision.FP64));
        assertEquals(BackendException.Reason.BUILD_FAILED, e.reason());
        assertTrue(e.getMessage().contains("undefined_name"), e.getMessage());
    }

    @Test
    void clearErrorsForBadDeviceAndTooLargeBuffer() {
        BackendException e = assertThrows(BackendException.class, () -> OpenClDevices.select("97:3", true));
        assertEquals(BackendException.Reason.NO_DEVICE, e.reason());
        assertTrue(e.getMessage().contains("97:3"), e.getMessage());
        assertEquals(ctx.device().selector(), OpenClDevices.select(ctx.device().name(), false).selector(),
                "a device name selects that device");
        assertEquals(BackendException.Reason.NO_DEVICE,
                assertThrows(BackendException.class, () -> OpenClDevices.select("no-such-device-xyz", false)).reason());
        long tooBig = ctx.device().maxAllocBytes() + 1;
        BackendException oom = assertThrows(BackendException.class, () -> ctx.allocate("huge", tooBig));
        assertEquals(BackendException.Reason.OUT_OF_MEMORY, oom.reason());
        assertTrue(oom.getMessage().contains("huge"), oom.getMessage());
    }

    @Test
    void deviceReportListsFp64AndLimits() {
        String report = OpenClDevices.report();
        assertTrue(report.contains("fp64="), report);
        assertTrue(report.contains("maxAlloc="), report);
    }
}
