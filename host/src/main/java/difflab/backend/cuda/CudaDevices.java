package difflab.backend.cuda;

import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_CLOCK_RATE;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;

/**
 * CUDA device discovery through the driver API and the CUDA part of {@code difflab devices}.
 *
 * <p>Every entry point first consults {@link CudaDriver#require()}, so on a machine without an NVIDIA
 * driver the answer is a {@link BackendException} (NO_PLATFORM, message starting
 * {@link CudaDriver#NO_DRIVER}) or, from {@link #report()}, one line saying so; never a JVM crash.
 */
public final class CudaDevices {

    /** Selector meaning "device 0". */
    public static final String AUTO = "auto";
    private static final int NAME_BYTES = 256;

    private CudaDevices() {
    }

    /**
     * Every CUDA device, in driver order.
     *
     * @throws BackendException NO_PLATFORM or NO_DEVICE when the driver is unusable
     */
    public static List<CudaDevice> list() {
        CudaDriver.require();
        int[] count = new int[1];
        CudaDriver.check(JCudaDriver.cuDeviceGetCount(count), "counting CUDA devices");
        List<CudaDevice> devices = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) {
            devices.add(describe(i));
        }
        return List.copyOf(devices);
    }

    /** The properties of device {@code ordinal}. */
    static CudaDevice describe(int ordinal) {
        CUdevice dev = handle(ordinal);
        byte[] name = new byte[NAME_BYTES];
        CudaDriver.check(JCudaDriver.cuDeviceGetName(name, name.length, dev), "reading the name of CUDA device " + ordinal);
        long[] memory = new long[1];
        CudaDriver.check(JCudaDriver.cuDeviceTotalMem(memory, dev), "reading the memory of CUDA device " + ordinal);
        return new CudaDevice(ordinal, cString(name), attribute(dev, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT), memory[0],
                attribute(dev, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(dev, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                attribute(dev, CU_DEVICE_ATTRIBUTE_CLOCK_RATE), attribute(dev, CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE),
                attribute(dev, CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH));
    }

    /** The driver handle of device {@code ordinal}. */
    static CUdevice handle(int ordinal) {
        CudaDriver.require();
        CUdevice dev = new CUdevice();
        CudaDriver.check(JCudaDriver.cuDeviceGet(dev, ordinal), "opening CUDA device " + ordinal);
        return dev;
    }

    /** An attribute, or 0 where the driver does not report it (e.g. clock rates on some newer drivers). */
    private static int attribute(CUdevice dev, int attribute) {
        int[] v = new int[1];
        return JCudaDriver.cuDeviceGetAttribute(v, attribute, dev) == CUresult.CUDA_SUCCESS ? v[0] : 0;
    }

    /** Whether at least one CUDA device can be used. Never throws. */
    public static boolean available() {
        return CudaDriver.available();
    }

    /**
     * The device named by {@code selector}: {@code auto} (or null/blank) is device 0; an integer is a
     * device ordinal; anything else is a case-insensitive substring of exactly one device's name.
     *
     * @throws BackendException NO_DEVICE for an unknown selector (listing the devices), NO_PLATFORM without driver
     */
    public static CudaDevice select(String selector) {
        List<CudaDevice> all = list();
        if (selector == null || selector.isBlank() || selector.trim().equalsIgnoreCase(AUTO)) {
            return all.get(0);
        }
        String s = selector.trim();
        if (s.matches("\\d+")) {
            int i = Integer.parseInt(s);
            if (i < all.size()) {
                return all.get(i);
            }
        } else {
            List<CudaDevice> matches = new ArrayList<>();
            for (CudaDevice d : all) {
                if (d.name().toLowerCase(Locale.ROOT).contains(s.toLowerCase(Locale.ROOT))) {
                    matches.add(d);
                }
            }
            if (matches.size() == 1) {
                return matches.get(0);
            }
        }
        throw new BackendException(Reason.NO_DEVICE, "unknown or ambiguous CUDA device '" + selector
                + "'; accepted: auto, an ordinal 0.." + (all.size() - 1) + ", or a substring of one name among "
                + names(all));
    }

    /**
     * The text of {@code difflab devices} for CUDA: a header, one line per device (ordinal, name,
     * compute capability, SMs, memory), the driver version; or one line saying why there is none. Never throws.
     */
    public static String report() {
        StringBuilder sb = new StringBuilder("CUDA devices (ordinal, name, compute capability, SMs, memory):\n");
        try {
            for (CudaDevice d : list()) {
                sb.append("  ").append(d.describe()).append('\n');
            }
            sb.append("  driver: ").append(CudaDriver.status().message()).append('\n');
        } catch (BackendException e) {
            sb.append("  none: ").append(e.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static String names(List<CudaDevice> all) {
        List<String> n = new ArrayList<>();
        for (CudaDevice d : all) {
            n.add(d.ordinal() + " " + d.name());
        }
        return n.toString();
    }

    private static String cString(byte[] buf) {
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8).trim();
    }
}
