package difflab.backend.cuda;

import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import java.util.List;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;

/**
 * Run-time compilation of the kernel sources to PTX with NVRTC, where it can be loaded.
 *
 * <p>JCuda 12.6's {@code libJNvrtc} links {@code libnvrtc.so.12}, which only a CUDA 12.x toolkit (or its
 * {@code cuda-nvrtc-12-x} package) installs: a machine with just the driver, or with CUDA 13 only, has none.
 * As with the driver binding, the first failed load is caught and cached ({@link #status()}) because later
 * uses of {@link JNvrtc} would throw {@link NoClassDefFoundError}. Callers fall back to the build-time PTX.
 */
public final class Nvrtc {

    /** The library JCuda's NVRTC binding needs. */
    public static final String LIBRARY = "libnvrtc.so.12";

    /**
     * The probe's outcome.
     *
     * @param available whether programs can be compiled
     * @param message   NVRTC version, or why it is unavailable
     */
    public record Status(boolean available, String message) {
    }

    private static Status status;

    private Nvrtc() {
    }

    /** The cached probe result (loads the binding and asks {@code nvrtcVersion} once). Never throws. */
    public static synchronized Status status() {
        if (status == null) {
            status = probe();
        }
        return status;
    }

    private static Status probe() {
        try {
            int[] major = new int[1];
            int[] minor = new int[1];
            int r = JNvrtc.nvrtcVersion(major, minor);
            if (r != nvrtcResult.NVRTC_SUCCESS) {
                return new Status(false, "nvrtcVersion failed: " + nvrtcResult.stringFor(r));
            }
            return new Status(true, "NVRTC " + major[0] + "." + minor[0]);
        } catch (LinkageError e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            return new Status(false, msg.contains(LIBRARY) ? "no NVRTC (" + LIBRARY + " not found)"
                    : "NVRTC binding could not be loaded: " + msg.lines().findFirst().orElse(msg));
        } catch (RuntimeException e) {
            return new Status(false, "NVRTC binding failed: " + e);
        }
    }

    /**
     * Compiles {@code source} (CUDA C++) to PTX.
     *
     * @param name    the program name used in diagnostics
     * @param options NVRTC options ({@code --gpu-architecture=compute_90}, {@code -fmad=false}, defines)
     * @throws BackendException NO_PLATFORM if NVRTC is unavailable, BUILD_FAILED with the compile log
     */
    public static String compile(String source, String name, List<String> options) {
        Status s = status();
        if (!s.available()) {
            throw new BackendException(Reason.NO_PLATFORM, s.message());
        }
        nvrtcProgram program = new nvrtcProgram();
        int r = JNvrtc.nvrtcCreateProgram(program, source, name, 0, null, null);
        if (r != nvrtcResult.NVRTC_SUCCESS) {
            throw new BackendException(Reason.BUILD_FAILED, "nvrtcCreateProgram failed: " + nvrtcResult.stringFor(r));
        }
        try {
            String[] opts = options.toArray(new String[0]);
            r = JNvrtc.nvrtcCompileProgram(program, opts.length, opts);
            if (r != nvrtcResult.NVRTC_SUCCESS) {
                String[] log = new String[1];
                JNvrtc.nvrtcGetProgramLog(program, log);
                throw new BackendException(Reason.BUILD_FAILED, "NVRTC compilation of " + name + " failed ("
                        + nvrtcResult.stringFor(r) + ") with options " + options + ". Log:\n" + log[0]);
            }
            String[] ptx = new String[1];
            r = JNvrtc.nvrtcGetPTX(program, ptx);
            if (r != nvrtcResult.NVRTC_SUCCESS) {
                throw new BackendException(Reason.BUILD_FAILED, "nvrtcGetPTX failed: " + nvrtcResult.stringFor(r));
            }
            return ptx[0];
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
    }
}
