package difflab.backend.opencl;

import difflab.backend.DeviceBackend;
import difflab.backend.DeviceListing;
import difflab.backend.DeviceSession;
import difflab.core.BackendException;
import difflab.core.Precision;
import difflab.kernels.KernelSources;

/**
 * The {@code opencl} backend: a {@link DeviceBackend} over an {@link OpenClDriver} (JOCL), and the launch geometry
 * that is OpenCL's own, the particles per work-item.
 *
 * <p>Results equal the {@code java} backend's to rounding: in fp64 the combinations are bit-identical
 * and differences come only from the last ulps of log/exp/sin/cos (measured bound in the
 * cross-backend test, {@code OpenClCrossBackendTest#FP64_RELATIVE_BOUND}).
 */
public final class OpenClBackend {

    /**
     * Particles per work-item on CPU devices in fp64. PoCL does not vectorise the work-item loop of kernels with
     * inner loops, so lanes are made explicit: 8 doubles fill an AVX-512 register (two AVX2 ones). The
     * measured gain is in docs/kernels-and-opencl.md.
     */
    public static final int CPU_VECTOR_WIDTH = 8;
    /** Particles per work-item on CPU devices in fp32: 16 floats fill the register that 8 doubles fill. */
    public static final int CPU_VECTOR_WIDTH_FP32 = 16;
    /** Particles per work-item on GPUs and other devices: one, so that neighbouring work-items coalesce. */
    public static final int GPU_VECTOR_WIDTH = 1;

    private OpenClBackend() {
    }

    /**
     * The backend on the device named by {@code selector} ({@link OpenClDevices#select}) with {@code vectorWidth}
     * particles per work-item (0: {@link #CPU_VECTOR_WIDTH} or {@link #CPU_VECTOR_WIDTH_FP32} on CPUs, {@link #GPU_VECTOR_WIDTH}
     * elsewhere).
     *
     * @throws BackendException NO_PLATFORM, NO_DEVICE or NO_FP64
     */
    public static DeviceBackend open(String selector, Precision precision, int vectorWidth) {
        return new DeviceBackend(new OpenClDriver(OpenClDevices.select(selector, precision == Precision.FP64)),
                precision, vectorWidth);
    }

    /** {@link #open(String, Precision, int)} with the device's default vector width. */
    public static DeviceBackend open(String selector, Precision precision) {
        return open(selector, precision, 0);
    }

    /** The first fp64 device, in fp64. */
    public static DeviceBackend open() {
        return open(DeviceListing.AUTO, Precision.FP64);
    }

    /**
     * A session owning the device named by {@code selector}, with the kernels in {@code precision} for mixtures of
     * up to {@link KernelSources#MAX_COMPONENTS} components, one particle per work-item (the FORS runner's).
     *
     * @throws BackendException NO_PLATFORM, NO_DEVICE, NO_FP64 or BUILD_FAILED
     */
    public static DeviceSession session(String selector, Precision precision) {
        return DeviceSession.owning(new OpenClDriver(OpenClDevices.select(selector, precision == Precision.FP64)),
                precision, KernelSources.MAX_COMPONENTS);
    }
}
