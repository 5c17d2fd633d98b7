package difflab.backend.opencl;

import difflab.backend.DeviceListing;
import java.util.Locale;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as discovered by {@link OpenClDevices}: its place ({@code platform:index}),
 * names, double-precision support ({@code cl_khr_fp64}), and memory limits. The maximum single
 * allocation ({@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}, 1 GiB on PoCL) drives particle chunking.
 */
public final class OpenClDevice implements DeviceListing.Device {

    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    final cl_platform_id platformId;
    final cl_device_id deviceId;
    private final int platform;
    private final int index;
    private final String platformName;
    private final String name;
    private final String vendor;
    private final String version;
    private final String type;
    private final boolean fp64;
    private final long globalMemBytes;
    private final long maxAllocBytes;
    private final int computeUnits;
    private final long maxWorkGroupSize;

    OpenClDevice(cl_platform_id platformId, cl_device_id deviceId, int platform, int index, String platformName,
                 String name, String vendor, String version, String type, boolean fp64, long globalMemBytes,
                 long maxAllocBytes, int computeUnits, long maxWorkGroupSize) {
        this.platformId = platformId;
        this.deviceId = deviceId;
        this.platform = platform;
        this.index = index;
        this.platformName = platformName;
        this.name = name;
        this.vendor = vendor;
        this.version = version;
        this.type = type;
        this.fp64 = fp64;
        this.globalMemBytes = globalMemBytes;
        this.maxAllocBytes = maxAllocBytes;
        this.computeUnits = computeUnits;
        this.maxWorkGroupSize = maxWorkGroupSize;
    }

    /** Platform index in {@code clGetPlatformIDs} order. */
    public int platform() {
        return platform;
    }

    /** Device index within its platform. */
    public int index() {
        return index;
    }

    /** The selector {@code "platform:index"} accepted by {@link OpenClDevices#select}. */
    @Override
    public String selector() {
        return platform + ":" + index;
    }

    @Override
    public String platformName() {
        return platformName;
    }

    @Override
    public String name() {
        return name;
    }

    public String vendor() {
        return vendor;
    }

    /** {@code CL_DEVICE_VERSION}, e.g. {@code OpenCL 3.0 PoCL ...}. */
    public String version() {
        return version;
    }

    /** {@code CPU}, {@code GPU}, {@code ACCELERATOR} or {@code OTHER}. */
    public String type() {
        return type;
    }

    /** Whether the device supports {@code cl_khr_fp64}. */
    @Override
    public boolean fp64() {
        return fp64;
    }

    /** {@code CL_DEVICE_GLOBAL_MEM_SIZE} in bytes. */
    public long globalMemBytes() {
        return globalMemBytes;
    }

    /** {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE} in bytes: the largest single buffer. */
    public long maxAllocBytes() {
        return maxAllocBytes;
    }

    public int computeUnits() {
        return computeUnits;
    }

    public long maxWorkGroupSize() {
        return maxWorkGroupSize;
    }

    /** One line: selector, type, name, platform, fp64, memory and maximum allocation. */
    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s  %-4s %s [%s] fp64=%s global=%.0f MiB maxAlloc=%.0f MiB units=%d",
                selector(), type, name, platformName, fp64 ? "yes" : "no", globalMemBytes / BYTES_PER_MIB,
                maxAllocBytes / BYTES_PER_MIB, computeUnits);
    }

    @Override
    public String toString() {
        return describe();
    }
}
