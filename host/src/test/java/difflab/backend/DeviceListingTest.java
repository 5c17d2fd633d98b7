package difflab.backend;

import difflab.core.BackendException;
import difflab.core.BackendException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Device selection and the devices report, the same for every API, on a made-up listing (no device needed). */
class DeviceListingTest {

    record Dev(String selector, String name, String platformName, boolean fp64) implements DeviceListing.Device {
        @Override
        public String describe() {
            return selector + " " + name;
        }
    }

    static final Dev CPU = new Dev("0:0", "cpu-haswell", "Portable Computing Language", true);
    static final Dev IGPU = new Dev("1:0", "Intel UHD", "Intel OpenCL", false);
    static final Dev GPU = new Dev("2:0", "NVIDIA H100", "NVIDIA CUDA", true);
    static final List<Dev> ALL = List.of(IGPU, CPU, GPU);

    static Dev select(String selector, boolean fp64) {
        return DeviceListing.select("Test", ALL, selector, fp64);
    }

    @Test
    void autoPicksTheFirstDeviceWithTheNeededPrecision() {
        assertSame(CPU, select("auto", true));
        assertSame(CPU, select(null, true));
        assertSame(IGPU, select(" ", false));
    }

    @Test
    void selectorIndexAndNameSubstringPickDevices() {
        assertSame(GPU, select("2:0", true));
        assertSame(GPU, select("2", true), "a list index");
        assertSame(IGPU, select("0", false));
        assertSame(GPU, select("h100", true), "a device name substring, any case");
        assertSame(CPU, select("portable", true), "a platform name substring");
    }

    @Test
    void unknownSelectorsAndMissingFp64AreClearErrors() {
        for (String s : List.of("3", "9:9", "no-such-device")) {
            BackendException e = assertThrows(BackendException.class, () -> select(s, false));
            assertEquals(Reason.NO_DEVICE, e.reason(), s);
            assertTrue(e.getMessage().contains("'" + s + "'") && e.getMessage().contains("2:0 NVIDIA H100 (fp64)"),
                    e.getMessage());
        }
        BackendException e = assertThrows(BackendException.class, () -> select("intel", true));
        assertEquals(Reason.NO_FP64, e.reason());
        assertEquals(Reason.NO_FP64, assertThrows(BackendException.class,
                () -> DeviceListing.select("Test", List.of(IGPU), "auto", true)).reason());
    }

    @Test
    void reportListsEveryDeviceOrSaysWhyNone() {
        assertEquals("Test devices:\n  1:0 Intel UHD\n  0:0 cpu-haswell\n  2:0 NVIDIA H100\n  footer\n",
                DeviceListing.report("Test devices:", () -> ALL, () -> "  footer\n"));
        assertEquals("Test devices:\n  none: no driver\n", DeviceListing.report("Test devices:", () -> {
            throw new BackendException(Reason.NO_PLATFORM, "no driver");
        }, () -> "  footer\n"));
    }
}
