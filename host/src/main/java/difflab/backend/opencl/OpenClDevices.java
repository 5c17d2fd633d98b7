package difflab.backend.opencl;

import difflab.backend.DeviceListing;
import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;
import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VENDOR;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;

/**
 * OpenCL platform and device discovery through JOCL, and the text of {@code difflab devices}.
 *
 * <p>Failures become {@link BackendException}s: a missing {@code libOpenCL.so} (JOCL loads the
 * unversioned name, which Debian's {@code ocl-icd-opencl-dev} provides) or no installable client
 * driver ({@code CL_PLATFORM_NOT_FOUND_KHR}) is {@link Reason#NO_PLATFORM}; an unknown selector is
 * {@link Reason#NO_DEVICE}.
 */
public final class OpenClDevices {

    /** Selector meaning "the first device that supports the requested precision". */
    public static final String AUTO = DeviceListing.AUTO;
    /** Hint printed with {@link Reason#NO_PLATFORM}. */
    public static final String INSTALL_HINT =
            "install an OpenCL driver, e.g. on Debian: apt-get install pocl-opencl-icd ocl-icd-opencl-dev";

    private OpenClDevices() {
    }

    /** Loads JOCL, turns on its exceptions, and maps a missing native library to NO_PLATFORM. */
    static void init() {
        try {
            CL.setExceptionsEnabled(true);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new BackendException(Reason.NO_PLATFORM, "OpenCL is not available: " + e.getMessage()
                    + "; " + INSTALL_HINT, e);
        }
    }

    /**
     * Every device of every platform.
     *
     * @throws BackendException NO_PLATFORM if OpenCL cannot be loaded or no platform is installed
     */
    public static List<OpenClDevice> list() {
        init();
        cl_platform_id[] platforms;
        try {
            int[] count = new int[1];
            CL.clGetPlatformIDs(0, null, count);
            platforms = new cl_platform_id[count[0]];
            CL.clGetPlatformIDs(platforms.length, platforms, null);
        } catch (CLException | UnsatisfiedLinkError e) {
            throw new BackendException(Reason.NO_PLATFORM, "no OpenCL platform found (" + e.getMessage() + "); "
                    + INSTALL_HINT, e);
        }
        List<OpenClDevice> devices = new ArrayList<>();
        for (int p = 0; p < platforms.length; p++) {
            String platformName = platformString(platforms[p], CL_PLATFORM_NAME);
            cl_device_id[] ids;
            try {
                int[] count = new int[1];
                CL.clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, 0, null, count);
                ids = new cl_device_id[count[0]];
                CL.clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, ids.length, ids, null);
            } catch (CLException e) {
                continue; // CL_DEVICE_NOT_FOUND: a platform without devices
            }
            for (int i = 0; i < ids.length; i++) {
                cl_device_id id = ids[i];
                String ext = deviceString(id, CL_DEVICE_EXTENSIONS);
                devices.add(new OpenClDevice(platforms[p], id, p, i, platformName, deviceString(id, CL_DEVICE_NAME),
                        deviceString(id, CL_DEVICE_VENDOR), deviceString(id, CL_DEVICE_VERSION), type(id),
                        ext.contains("cl_khr_fp64"), deviceLong(id, CL_DEVICE_GLOBAL_MEM_SIZE),
                        deviceLong(id, CL_DEVICE_MAX_MEM_ALLOC_SIZE), deviceInt(id, CL_DEVICE_MAX_COMPUTE_UNITS),
                        deviceSizeT(id, CL_DEVICE_MAX_WORK_GROUP_SIZE)));
            }
        }
        if (devices.isEmpty()) {
            throw new BackendException(Reason.NO_PLATFORM, platforms.length + " OpenCL platform(s) but no device; "
                    + INSTALL_HINT);
        }
        return devices;
    }

    /** Whether at least one OpenCL device can be used. Never throws. */
    public static boolean available() {
        try {
            return !list().isEmpty();
        } catch (BackendException | LinkageError e) {
            return false;
        }
    }

    /**
     * The device named by {@code selector} ({@link DeviceListing#select}: {@code auto}, {@code P:D}, a list index or a
     * substring of a device or platform name); fp64 means {@code cl_khr_fp64}.
     *
     * @throws BackendException NO_DEVICE for an unknown selector, NO_FP64 if fp64 is needed and absent
     */
    public static OpenClDevice select(String selector, boolean needFp64) {
        return DeviceListing.select("OpenCL", list(), selector, needFp64);
    }

    /**
     * The text of {@code difflab devices}: one line per device, or one line saying why there is none.
     * Never throws.
     */
    public static String report() {
        return DeviceListing.report("OpenCL devices (selector, type, name [platform], fp64, memory):",
                OpenClDevices::list, () -> "");
    }

    private static String type(cl_device_id id) {
        long t = deviceLong(id, CL_DEVICE_TYPE);
        if ((t & CL_DEVICE_TYPE_GPU) != 0) {
            return "GPU";
        }
        if ((t & CL_DEVICE_TYPE_CPU) != 0) {
            return "CPU";
        }
        if ((t & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            return "ACCELERATOR";
        }
        return "OTHER";
    }

    static String platformString(cl_platform_id id, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(id, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetPlatformInfo(id, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    static String deviceString(cl_device_id id, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(id, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetDeviceInfo(id, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    static long deviceLong(cl_device_id id, int param) {
        long[] v = new long[1];
        CL.clGetDeviceInfo(id, param, Sizeof.cl_ulong, Pointer.to(v), null);
        return v[0];
    }

    static int deviceInt(cl_device_id id, int param) {
        int[] v = new int[1];
        CL.clGetDeviceInfo(id, param, Sizeof.cl_uint, Pointer.to(v), null);
        return v[0];
    }

    static long deviceSizeT(cl_device_id id, int param) {
        long[] v = new long[1];
        CL.clGetDeviceInfo(id, param, Sizeof.size_t, Pointer.to(v), null);
        return v[0];
    }

    private static String cString(byte[] buf) {
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8).trim();
    }
}
