package difflab.backend.cuda;

import difflab.backend.DeviceBackend;
import difflab.backend.DeviceKernelContract;
import difflab.backend.DeviceProgram;
import difflab.core.Precision;
import difflab.kernels.PtxBundle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On an NVIDIA GPU: the kernel contract ({@link DeviceKernelContract}: Philox4x32-10 against the Random123 known
 * answers, normals, combine, stage kernels and reductions against their Java twins, the benchmark's timings) on the
 * bundled PTX, and what is CUDA's own: device listing and module loading. Skipped without a driver
 * ({@link CudaTestSupport}). NOT YET RUN: no GPU was available when it was written.
 */
@Tag("cuda")
class CudaKernelTest extends DeviceKernelContract {

    static final List<DeviceBackend> OPEN = new ArrayList<>();

    /** Per test, so that surefire reports each skipped test with the reason; the backend opens once. */
    @BeforeEach
    void open() {
        CudaTestSupport.requireCuda();
        if (OPEN.isEmpty()) {
            OPEN.add(CudaBackend.open(CudaDevices.AUTO, Precision.FP64, CudaModule.PtxSource.BUNDLED));
        }
    }

    @AfterAll
    static void close() {
        for (DeviceBackend b : OPEN) {
            b.close();
        }
        OPEN.clear();
    }

    @Override
    protected List<DeviceBackend> backends() {
        return OPEN;
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
    void bundledPtxLoadsOnceForEveryMixtureSize() {
        DeviceProgram m = OPEN.get(0).program(4);
        assertTrue(m.origin().startsWith("bundled"), m.origin());
        assertEquals(PtxBundle.load().orElseThrow().gmmMaxK(), m.maxComponents());
        assertTrue(m == OPEN.get(0).program(1), "the bundled module serves smaller mixtures");
        System.out.println("loaded " + m.origin() + " in " + m.buildNanos() / 1e6 + " ms");
    }
}
