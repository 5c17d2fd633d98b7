package difflab.backend.opencl;

import difflab.backend.DeviceBackend;
import difflab.backend.DeviceKernelContract;
import difflab.backend.DeviceSession;
import difflab.backend.KernelCall;
import difflab.backend.KernelTimer;
import difflab.core.BackendException;
import difflab.core.Precision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel contract ({@link DeviceKernelContract}) on OpenCL at the scalar width (the CUDA shape) and the CPU
 * default, and what is OpenCL's own: build logs, device selection errors, allocation limits, work-group sizes.
 */
class OpenClKernelTest extends DeviceKernelContract {

    /** Vector widths tested: scalar (the CUDA shape) and the CPU default. */
    static final int[] WIDTHS = {1, OpenClBackend.CPU_VECTOR_WIDTH};
    static final List<DeviceBackend> OPEN = new ArrayList<>();

    @BeforeAll
    static void open() {
        OpenClTestSupport.requireOpenCl();
        for (int w : WIDTHS) {
            OPEN.add(OpenClBackend.open(OpenClDevices.AUTO, Precision.FP64, w));
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

    static OpenClDriver driver() {
        return (OpenClDriver) OPEN.get(0).driver();
    }

    @Test
    void buildFailureCarriesTheLog() {
        BackendException e = assertThrows(BackendException.class,
                () -> new OpenClProgram(driver(), "__kernel void broken(__global double* x) { x[0] = undefined_name; }",
                        "", Precision.FP64));
        assertEquals(BackendException.Reason.BUILD_FAILED, e.reason());
        assertTrue(e.getMessage().contains("undefined_name"), e.getMessage());
    }

    @Test
    void clearErrorsForBadDeviceAndTooLargeBuffer() {
        BackendException e = assertThrows(BackendException.class, () -> OpenClDevices.select("97:3", true));
        assertEquals(BackendException.Reason.NO_DEVICE, e.reason());
        assertTrue(e.getMessage().contains("97:3"), e.getMessage());
        OpenClDevice device = driver().openClDevice();
        assertEquals(device.selector(), OpenClDevices.select(device.name(), false).selector(),
                "a device name selects that device");
        assertEquals(device.selector(), OpenClDevices.select(device.selector(), false).selector());
        assertEquals(BackendException.Reason.NO_DEVICE,
                assertThrows(BackendException.class, () -> OpenClDevices.select("no-such-device-xyz", false)).reason());
        long tooBig = device.maxAllocBytes() + 1;
        try (DeviceSession s = OPEN.get(0).session(1)) {
            BackendException oom = assertThrows(BackendException.class, () -> s.allocate("huge", tooBig));
            assertEquals(BackendException.Reason.OUT_OF_MEMORY, oom.reason());
            assertTrue(oom.getMessage().contains("huge"), oom.getMessage());
        }
    }

    @Test
    void vectorWidthOutsideTheBuildsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenClBackend.open(OpenClDevices.AUTO, Precision.FP64, 3));
        assertTrue(e.getMessage().contains("vector width 3"), e.getMessage());
    }

    /** Streaming launches get the stream group; kernels with private arrays (mixture stages, FORS) the small one. */
    @Test
    void workGroupsFollowTheKernelsMemoryUse() {
        OpenClDriver d = driver();
        long stream = d.streamGroup();
        assertEquals(stream, d.localSize(KernelTimer.combineCall(64, 3, 1))[0]);
        assertEquals(stream, d.localSize(KernelTimer.copyCall(64, 1, "a", "b"))[0]);
        assertEquals(stream, d.localSize(KernelTimer.peakCall("a"))[0]);
        long[] stage = d.localSize(new KernelCall("stage_gmm_iso", List.of(), new long[] {64}));
        assertArrayEquals(new long[] {Math.min(OpenClDriver.PRIVATE_ARRAY_GROUP, stream)}, stage);
    }

    /** fp32 sessions round REALs to float on the way in and widen them on the way out. */
    @Test
    void fp32SessionsRoundReals() {
        try (DeviceBackend fp32 = OpenClBackend.open(OpenClDevices.AUTO, Precision.FP32);
             DeviceSession s = fp32.session(1)) {
            double[] v = {1.0 / 3.0, -2.5e-7, 7.0};
            s.allocate("v", 3L * Float.BYTES);
            s.writeReals("v", v, 3);
            double[] back = new double[3];
            s.readReals("v", back, 3);
            for (int i = 0; i < 3; i++) {
                assertEquals((double) (float) v[i], back[i], 0.0);
            }
            assertEquals(3L * Float.BYTES, s.profile().copyOutBytes(), s.profile().format());
        }
    }

    @Test
    void deviceReportListsFp64AndLimits() {
        String report = OpenClDevices.report();
        assertTrue(report.contains("fp64="), report);
        assertTrue(report.contains("maxAlloc="), report);
    }
}
