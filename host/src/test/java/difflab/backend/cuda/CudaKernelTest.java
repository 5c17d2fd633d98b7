package difflab.backend.cuda;

import difflab.backend.KernelCall;
import difflab.core.Precision;
import difflab.kernels.PtxBundle;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On an NVIDIA GPU: device listing, module loading from the bundled PTX, Philox4x32-10 on the device against
 * the Random123 known answers (the CUDA build maps MULHI to {@code __umulhi}), and the benchmark's copy and
 * combine timings. Skipped without a driver ({@link CudaTestSupport}).
 */
@Tag("cuda")
class CudaKernelTest {

    static CudaBackend backend;

    /** Per test, so that surefire reports each skipped test with the reason; the backend opens once. */
    @BeforeEach
    void open() {
        CudaTestSupport.requireCuda();
        if (backend == null) {
            backend = new CudaBackend(CudaDevices.AUTO, Precision.FP64, CudaModule.PtxSource.BUNDLED);
        }
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void devicesAreListedWithTheirProperties() {
        List<CudaDevice> devices = CudaDevices.list();
        assertFalse(devices.isEmpty());
        for (CudaDevice d : devices) {
            assertTrue(d.multiprocessors() > 0 && d.totalMemoryBytes() > 0 && d.major() >= 3, d.describe());
            assertFalse(d.name().isEmpty(), d.describe());
        }
        String report = CudaDevices.report();
        assertTrue(report.contains(devices.get(0).name()), report);
        assertEquals(devices.get(0), CudaDevices.select("0"));
        System.out.print(report);
    }

    @Test
    void bundledPtxLoads() {
        CudaModule m = backend.module(4);
        assertTrue(m.origin().startsWith("bundled"), m.origin());
        assertEquals(PtxBundle.load().orElseThrow().gmmMaxK(), m.maxComponents());
        System.out.println("loaded " + m.origin() + " in " + m.buildNanos() / 1e6 + " ms");
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
        CudaContext ctx = backend.context();
        CUdeviceptr din = ctx.allocate("in", 18L * Integer.BYTES);
        CUdeviceptr dout = ctx.allocate("out", 12L * Integer.BYTES);
        try {
            ctx.writeRaw(din, Pointer.to(in), 18L * Integer.BYTES);
            KernelCall call = new KernelCall("philox_kat", List.of(new KernelCall.Arg.I32(3),
                    new KernelCall.Arg.Buffer("in"), new KernelCall.Arg.Buffer("out")), new long[] {3});
            Map<String, CUdeviceptr> buffers = Map.of("in", din, "out", dout);
            ctx.launch(backend.module(1).function("philox_kat"), call, Precision.FP64, buffers::get);
            int[] out = new int[12];
            ctx.readRaw(dout, Pointer.to(out), 12L * Integer.BYTES);
            for (int r = 0; r < 3; r++) {
                assertArrayEquals(expected[r], new int[] {out[4 * r], out[4 * r + 1], out[4 * r + 2], out[4 * r + 3]},
                        "KAT row " + r);
            }
        } finally {
            ctx.release(din, 18L * Integer.BYTES);
            ctx.release(dout, 12L * Integer.BYTES);
        }
    }

    @Test
    void copyAndCombineAreTimedWithEvents() {
        double[][] s = CudaKernelTimer.copyAndCombine(backend, 1 << 16, 8, 3);
        for (double[] series : s) {
            assertEquals(3, series.length);
            for (double v : series) {
                assertTrue(v > 0 && v < 1, "seconds " + v);
            }
        }
    }
}
