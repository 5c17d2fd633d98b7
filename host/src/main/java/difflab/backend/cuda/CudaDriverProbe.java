package difflab.backend.cuda;

import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Whether the CUDA driver can be used, probed once per JVM and cached, and the mapping of driver
 * result codes to {@link BackendException}s.
 *
 * <p>Why cache: JCuda loads its JNI library {@code libJCudaDriver} in the static initialiser of
 * {@link JCudaDriver}, and that library needs {@code libcuda.so.1}, which only an NVIDIA driver
 * installs. Without it the first use throws {@link UnsatisfiedLinkError} and every later use
 * {@link NoClassDefFoundError} ("Could not initialize class"), so a second attempt would report a
 * misleading error. {@link #status()} catches the first failure, keeps its message, and never touches
 * {@link JCudaDriver} again after a failure; everything in this package calls {@link #require()} first.
 *
 * <p>JCuda's exceptions stay disabled: every driver call's result code is checked by {@link #check}, so a
 * failure names the call and the {@code CUDA_ERROR_*} constant.
 */
public final class CudaDriverProbe {

    /** The library the driver API needs; its absence means "no NVIDIA driver". */
    public static final String DRIVER_LIBRARY = "libcuda.so.1";
    /** Start of the message when the driver library cannot be loaded. */
    public static final String NO_DRIVER = "no CUDA driver (" + DRIVER_LIBRARY + " not found)";
    /** How to get one. */
    public static final String INSTALL_HINT = "the cuda backend needs an NVIDIA GPU with its driver installed"
            + " (nvidia-smi should list the GPU); other backends: --backend java or --backend opencl";

    /**
     * The probe's outcome.
     *
     * @param available     whether a context can be created (driver loaded, cuInit succeeded, at least one device)
     * @param reason        NO_PLATFORM (no usable driver) or NO_DEVICE (driver without devices); null when available
     * @param message       why not, or a one-line summary of the driver when available
     * @param driverVersion {@code cuDriverGetVersion} (e.g. 12040 for CUDA 12.4), 0 if unknown
     * @param deviceCount   number of CUDA devices, 0 if unavailable
     */
    public record Status(boolean available, Reason reason, String message, int driverVersion, int deviceCount) {

        /** Driver version as {@code major.minor}, or {@code unknown}. */
        public String driverVersionText() {
            return driverVersion <= 0 ? "unknown" : (driverVersion / 1000) + "." + (driverVersion % 1000) / 10;
        }
    }

    private static Status status;

    private CudaDriverProbe() {
    }

    /** The cached probe result; the first call loads the driver binding and runs {@code cuInit(0)}. Never throws. */
    public static synchronized Status status() {
        if (status == null) {
            status = probe();
        }
        return status;
    }

    /** Whether the cuda backend can run here. Never throws. */
    public static boolean available() {
        return status().available();
    }

    /**
     * Returns normally only if the driver is usable.
     *
     * @throws BackendException NO_PLATFORM (no driver library, driver too old, cuInit failed) or NO_DEVICE
     *                          (driver without devices), with the probe's message
     */
    public static void require() {
        Status s = status();
        if (!s.available()) {
            throw new BackendException(s.reason(), s.message());
        }
    }

    private static Status probe() {
        int result;
        try {
            result = JCudaDriver.cuInit(0);
        } catch (LinkageError e) {
            // UnsatisfiedLinkError on the first use, NoClassDefFoundError if something else touched JCudaDriver before
            return new Status(false, Reason.NO_PLATFORM, describeLinkError(e), 0, 0);
        } catch (RuntimeException e) {
            return new Status(false, Reason.NO_PLATFORM, "the CUDA driver binding (JCuda) failed to start: " + e
                    + "; " + INSTALL_HINT, 0, 0);
        }
        int[] version = new int[1];
        int vr = JCudaDriver.cuDriverGetVersion(version);
        int driverVersion = vr == CUresult.CUDA_SUCCESS ? version[0] : 0;
        if (result != CUresult.CUDA_SUCCESS) {
            String name = CUresult.stringFor(result);
            String text = result == CUresult.CUDA_ERROR_NO_DEVICE
                    ? "CUDA driver found but no CUDA device (cuInit: " + name + ")"
                    : "CUDA driver found but cuInit failed with " + name + " (" + result + ")";
            return new Status(false, result == CUresult.CUDA_ERROR_NO_DEVICE ? Reason.NO_DEVICE : Reason.NO_PLATFORM,
                    text + "; " + INSTALL_HINT, driverVersion, 0);
        }
        int[] count = new int[1];
        int cr = JCudaDriver.cuDeviceGetCount(count);
        if (cr != CUresult.CUDA_SUCCESS || count[0] == 0) {
            return new Status(false, Reason.NO_DEVICE, "CUDA driver " + versionText(driverVersion)
                    + " found but no CUDA device ("
                    + (cr != CUresult.CUDA_SUCCESS ? CUresult.stringFor(cr) : "0 devices") + "); " + INSTALL_HINT,
                    driverVersion, 0);
        }
        return new Status(true, null, "CUDA driver " + versionText(driverVersion) + ", " + count[0] + " device(s)",
                driverVersion, count[0]);
    }

    private static String versionText(int v) {
        return new Status(false, Reason.NO_PLATFORM, "", v, 0).driverVersionText();
    }

    /**
     * The message for a failure to load the driver binding: {@link #NO_DRIVER} when the cause names
     * {@link #DRIVER_LIBRARY}, else the first line of the cause. JCuda's own message is many lines of
     * nested stack traces; only the line with the loader's reason is kept.
     */
    static String describeLinkError(Throwable e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (msg.contains(DRIVER_LIBRARY)) {
            return NO_DRIVER + "; " + INSTALL_HINT;
        }
        if (e instanceof NoClassDefFoundError) {
            return "the CUDA driver binding could not be initialised (" + firstLine(msg)
                    + "); an earlier attempt to load it failed; " + INSTALL_HINT;
        }
        String reason = firstLine(msg);
        for (String line : msg.split("\n")) {
            if (line.contains("cannot open shared object file") || line.contains("cannot allocate")
                    || line.contains("failed to map")) {
                reason = line.trim();
            }
        }
        return "the CUDA driver binding (JCuda) could not be loaded: " + reason + "; " + INSTALL_HINT;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /**
     * Throws unless {@code result} is {@code CUDA_SUCCESS}.
     *
     * @param what the operation, for the message ("allocating buffer 'x' of 800 bytes")
     * @throws BackendException OUT_OF_MEMORY, BUILD_FAILED (PTX rejected), NO_DEVICE, NO_PLATFORM or DEVICE_ERROR
     */
    static void check(int result, String what) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw error(result, what);
        }
    }

    /** The exception for a failed driver call. */
    static BackendException error(int result, String what) {
        return new BackendException(reasonOf(result), "CUDA error " + CUresult.stringFor(result) + " (" + result
                + ") while " + what);
    }

    /** Failure category of a driver result code. */
    static Reason reasonOf(int result) {
        switch (result) {
            case CUresult.CUDA_ERROR_OUT_OF_MEMORY:
                return Reason.OUT_OF_MEMORY;
            case CUresult.CUDA_ERROR_INVALID_PTX:
            case CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION:
            case CUresult.CUDA_ERROR_NO_BINARY_FOR_GPU:
            case CUresult.CUDA_ERROR_JIT_COMPILER_NOT_FOUND:
            case CUresult.CUDA_ERROR_INVALID_IMAGE:
            case CUresult.CUDA_ERROR_NOT_FOUND:
                return Reason.BUILD_FAILED;
            case CUresult.CUDA_ERROR_NO_DEVICE:
            case CUresult.CUDA_ERROR_INVALID_DEVICE:
                return Reason.NO_DEVICE;
            case CUresult.CUDA_ERROR_NOT_INITIALIZED:
            case CUresult.CUDA_ERROR_STUB_LIBRARY:
                return Reason.NO_PLATFORM;
            default:
                return Reason.DEVICE_ERROR;
        }
    }
}
