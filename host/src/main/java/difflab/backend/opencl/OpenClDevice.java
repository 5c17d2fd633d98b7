package difflab.backend.opencl;

import difflab.backend.DeviceListing;
import java.util.Locale;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as discovered by {@link OpenClDevices}: its handles, its place ({@code platform:index}),
 * names, double-precision support ({@code cl_khr_fp64}), and memory limits. The maximum single
 * allocation ({@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}, 1 GiB on PoCL) drives particle chunking.
 *
 * @param platformId       the platform handle
 * @param deviceId         the device handle
 * @param platform         platform index in {@code clGetPlatformIDs} order
 * @param index            device index within its platform
 * @param version          {@code CL_DEVICE_VERSION}, e.g. {@code OpenCL 3.0 PoCL ...}
 * @param type             {@code CPU}, {@code GPU}, {@code ACCELERATOR} or {@code OTHER}
 * @param fp64             whether the device supports {@code cl_khr_fp64}
 * @param globalMemBytes   {@code CL_DEVICE_GLOBAL_MEM_SIZE} in bytes
 * @param maxAllocBytes    {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE} in bytes: the largest single buffer
 */
public record OpenClDevice(cl_platform_id platformId, cl_device_id deviceId, int platform, int index,
                           String platformName, String name, String vendor, String version, String type, boolean fp64,
                           long globalMemBytes, long maxAllocBytes, int computeUnits, long maxWorkGroupSize)
        implements DeviceListing.Device {

    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    /** The selector {@code "platform:index"} accepted by {@link OpenClDevices#select}. */
    @Override
    public String selector() {
        return platform + ":" + index;
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
