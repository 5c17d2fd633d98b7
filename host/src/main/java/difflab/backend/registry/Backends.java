package difflab.backend.registry;

import difflab.backend.DeviceBackend;
import difflab.backend.DeviceForsRunner;
import difflab.backend.DeviceListing;
import difflab.backend.cuda.CudaBackend;
import difflab.backend.java.JavaBackend;
import difflab.backend.opencl.OpenClBackend;
import difflab.core.Precision;
import difflab.fors.ForsExecutor;
import difflab.fors.ForsRunner;
import difflab.run.Backend;
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
     * @throws difflab.core.BackendException when a device backend cannot start; cuda without an NVIDIA driver
     *                                  gives NO_PLATFORM "no CUDA driver (libcuda.so.1 not found); ..."
     */
    public static Backend create(String id, String device, Precision precision) {
        switch (id) {
            case "java":
                if (precision != Precision.FP64) {
                    throw new IllegalArgumentException("the java backend computes in fp64 only; accepted with --backend java: "
                            + "--precision fp64");
                }
                return new JavaBackend();
            default:
                return device(id, device, precision);
        }
    }

    /**
     * The device backend ({@code opencl} or {@code cuda}) on the given device (null = default device).
     *
     * @throws IllegalArgumentException for another id, listing the accepted ones
     * @throws difflab.core.BackendException when the backend cannot start
     */
    public static DeviceBackend device(String id, String device, Precision precision) {
        String selector = device == null ? DeviceListing.AUTO : device;
        switch (id) {
            case "opencl":
                return OpenClBackend.open(selector, precision);
            case "cuda":
                return CudaBackend.open(selector, precision);
            default:
                throw new IllegalArgumentException("unknown backend '" + id + "'; accepted: " + String.join(", ", NAMES));
        }
    }

    /**
     * A runner of the FORS sampler (fp64) on the backend with this id: {@link ForsRunner} on {@code java},
     * {@link DeviceForsRunner} (kernel {@code fors_launch}) on {@code opencl} and {@code cuda}.
     *
     * @throws IllegalArgumentException for an unknown id, listing the accepted ones
     * @throws difflab.core.BackendException when a device backend cannot start
     */
    public static ForsExecutor fors(String id, String device) {
        switch (id) {
            case "java":
                return new ForsRunner();
            case "opencl":
                return new DeviceForsRunner(OpenClBackend.session(device == null ? DeviceListing.AUTO : device,
                        Precision.FP64));
            case "cuda":
                return new DeviceForsRunner(CudaBackend.session(device == null ? DeviceListing.AUTO : device,
                        Precision.FP64));
            default:
                throw new IllegalArgumentException("unknown backend '" + id + "'; accepted: " + String.join(", ", NAMES));
        }
    }
}
