package difflab.backend.opencl;

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
    public static final String AUTO = "auto";
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
     * The device named by {@code selector}: {@code "auto"} (or null/empty) picks the first device with
     * fp64 when {@code needFp64}, else the first device; {@code "P:D"} picks device D of platform P;
     * a plain integer N picks the N-th device in {@link #list()} order; any other text picks the first
     * device whose device or platform name contains it (case-insensitive).
     *
     * @throws BackendException NO_DEVICE for an unknown selector, NO_FP64 if fp64 is needed and absent
     */
    public static OpenClDevice select(String selector, boolean needFp64) {
        List<OpenClDevice> all = list();
        OpenClDevice chosen = null;
        if (selector == null || selector.isBlank() || selector.equalsIgnoreCase(AUTO)) {
            for (OpenClDevice dev : all) {
                if (!needFp64 || dev.fp64()) {
                    chosen = dev;
                    break;
                }
            }
            if (chosen == null) {
                throw new BackendException(Reason.NO_FP64, "no OpenCL device supports fp64 (cl_khr_fp64); devices: "
                        + describeAll(all) + "; use --precision fp32");
            }
        } else {
            String s = selector.trim();
            try {
                if (s.contains(":")) {
                    String[] parts = s.split(":", 2);
                    int p = Integer.parseInt(parts[0].trim());
                    int d = Integer.parseInt(parts[1].trim());
                    for (OpenClDevice dev : all) {
                        if (dev.platform() == p && dev.index() == d) {
                            chosen = dev;
                        }
                    }
                } else {
                    int n = Integer.parseInt(s);
                    if (n >= 0 && n < all.size()) {
                        chosen = all.get(n);
                    }
                }
            } catch (NumberFormatException e) {
                // not a number: the first device whose name or platform contains it (case-insensitive)
                String needle = s.toLowerCase(java.util.Locale.ROOT);
                for (OpenClDevice dev : all) {
                    if (dev.name().toLowerCase(java.util.Locale.ROOT).contains(needle)
                            || dev.platformName().toLowerCase(java.util.Locale.ROOT).contains(needle)) {
                        chosen = dev;
                        break;
                    }
                }
            }
            if (chosen == null) {
                throw new BackendException(Reason.NO_DEVICE, "unknown OpenCL device '" + selector
                        + "'; accepted: auto, a list index 0.." + (all.size() - 1)
                        + ", platform:device, or a substring of a device or platform name, among " + describeAll(all));
            }
            if (needFp64 && !chosen.fp64()) {
                throw new BackendException(Reason.NO_FP64, "OpenCL device " + chosen.selector() + " (" + chosen.name()
                        + ") does not support fp64 (cl_khr_fp64); use --precision fp32 or another device");
            }
        }
        return chosen;
    }

    /**
     * The text of {@code difflab devices}: one line per device, or one line saying why there is none.
     * Never throws.
     */
    public static String report() {
        StringBuilder sb = new StringBuilder("OpenCL devices (selector, type, name [platform], fp64, memory):\n");
        try {
            for (OpenClDevice d : list()) {
                sb.append("  ").append(d.describe()).append('\n');
            }
        } catch (BackendException e) {
            sb.append("  none: ").append(e.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static String describeAll(List<OpenClDevice> all) {
        StringBuilder sb = new StringBuilder("[");
        for (OpenClDevice d : all) {
            if (sb.length() > 1) {
                sb.append("; ");
            }
            sb.append(d.selector()).append(' ').append(d.name()).append(d.fp64() ? " (fp64)" : " (no fp64)");
        }
        return sb.append(']').toString();
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
