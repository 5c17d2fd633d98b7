package difflab.backend.cuda;

import difflab.backend.DeviceListing;
import difflab.core.BackendException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Every entry point first consults {@link CudaDriverProbe#require()}, so on a machine without an NVIDIA
 * driver the answer is a {@link BackendException} (NO_PLATFORM, message starting
 * {@link CudaDriverProbe#NO_DRIVER}) or, from {@link #report()}, one line saying so; never a JVM crash.
 */
public final class CudaDevices {

    /** Selector meaning "device 0". */
    public static final String AUTO = DeviceListing.AUTO;
    private static final int NAME_BYTES = 256;

    private CudaDevices() {
    }

    /**
     * Every CUDA device, in driver order.
     *
     * @throws BackendException NO_PLATFORM or NO_DEVICE when the driver is unusable
     */
    public static List<CudaDevice> list() {
        CudaDriverProbe.require();
        int[] count = new int[1];
        CudaDriverProbe.check(JCudaDriver.cuDeviceGetCount(count), "counting CUDA devices");
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
        CudaDriverProbe.check(JCudaDriver.cuDeviceGetName(name, name.length, dev), "reading the name of CUDA device " + ordinal);
        long[] memory = new long[1];
        CudaDriverProbe.check(JCudaDriver.cuDeviceTotalMem(memory, dev), "reading the memory of CUDA device " + ordinal);
        return new CudaDevice(ordinal, cString(name), attribute(dev, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT), memory[0],
                attribute(dev, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(dev, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                attribute(dev, CU_DEVICE_ATTRIBUTE_CLOCK_RATE), attribute(dev, CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE),
                attribute(dev, CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH));
    }

    /** The driver handle of device {@code ordinal}. */
    static CUdevice handle(int ordinal) {
        CudaDriverProbe.require();
        CUdevice dev = new CUdevice();
        CudaDriverProbe.check(JCudaDriver.cuDeviceGet(dev, ordinal), "opening CUDA device " + ordinal);
        return dev;
    }

    /** An attribute, or 0 where the driver does not report it (e.g. clock rates on some newer drivers). */
    private static int attribute(CUdevice dev, int attribute) {
        int[] v = new int[1];
        return JCudaDriver.cuDeviceGetAttribute(v, attribute, dev) == CUresult.CUDA_SUCCESS ? v[0] : 0;
    }

    /** Whether at least one CUDA device can be used. Never throws. */
    public static boolean available() {
        return CudaDriverProbe.available();
    }

    /**
     * The device named by {@code selector} ({@link DeviceListing#select}: {@code auto} or blank is device 0, an
     * integer is an ordinal, anything else a case-insensitive substring of a device's name).
     *
     * @throws BackendException NO_DEVICE for an unknown selector (listing the devices), NO_PLATFORM without driver
     */
    public static CudaDevice select(String selector) {
        return DeviceListing.select("CUDA", list(), selector, false);
    }

    /**
     * The text of {@code difflab devices} for CUDA: a header, one line per device (ordinal, name,
     * compute capability, SMs, memory), the driver version; or one line saying why there is none. Never throws.
     */
    public static String report() {
        return DeviceListing.report("CUDA devices (ordinal, name, compute capability, SMs, memory):",
                CudaDevices::list, () -> "  driver: " + CudaDriverProbe.status().message() + "\n");
    }

    private static String cString(byte[] buf) {
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8).trim();
    }
}
