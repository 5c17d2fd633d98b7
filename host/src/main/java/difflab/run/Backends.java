package difflab.run;

import difflab.backend.Precision;
import difflab.backend.opencl.OpenClBackend;
import difflab.backend.opencl.OpenClDevices;
import java.util.List;

/** Creates backends by id; never substitutes one backend for another. */
public final class Backends {
    public static final List<String> NAMES = List.of("java", "opencl", "cuda");

    private Backends() {
    }

    /**
     * The backend with this id on the given device (null = default device).
     *
     * @throws IllegalArgumentException for an unknown id, listing the accepted ones
     * @throws IllegalStateException    when the backend exists but cannot run here (e.g. no OpenCL platform)
     */
    public static Backend create(String id, String device, Precision precision) {
        switch (id) {
            case "java":
                if (precision != Precision.FP64) {
                    throw new IllegalArgumentException("the java backend computes in fp64 only; accepted with --backend java: "
                            + "--precision fp64");
                }
                return new JavaBackend();
            case "opencl":
                return new OpenClBackend(device == null ? OpenClDevices.AUTO : device, precision);
            case "cuda":
                throw new IllegalStateException("backend '" + id + "' is not available in this build");
            default:
                throw new IllegalArgumentException("unknown backend '" + id + "'; accepted: " + String.join(", ", NAMES));
        }
    }
}
