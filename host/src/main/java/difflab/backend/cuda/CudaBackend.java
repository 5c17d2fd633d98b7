package difflab.backend.cuda;

import difflab.backend.DeviceBackend;
import difflab.backend.DeviceListing;
import difflab.backend.DeviceSession;
import difflab.core.BackendException;
import difflab.core.Precision;
import difflab.kernels.KernelSources;

/**
 * The {@code cuda} backend: a {@link DeviceBackend} over a {@link CudaDriver} (CUDA driver API through JCuda 12.6),
 * on PTX compiled from the same portable kernel sources as the OpenCL backend ({@link CudaModule}: NVRTC at run
 * time where {@code libnvrtc.so.12} exists, else the PTX nvcc produced at build time). It needs only an NVIDIA
 * driver at run time.
 *
 * <p>Expected agreement with the {@code java} backend: as OpenCL's, the combinations are evaluated left to
 * right without FMA contraction ({@code --fmad=false}), so in fp64 only log/exp/sin/cos (CUDA's libdevice,
 * at most 1–2 ulp per its documentation) can differ, and the cross-backend test asserts the same bounds
 * as for OpenCL. UNVERIFIED on hardware: no GPU was available when this backend was written; the
 * {@code cuda}-tagged tests skip without a driver.
 *
 * <p>Without an NVIDIA driver every factory throws {@link BackendException} NO_PLATFORM with the message
 * of {@link CudaDriverProbe#NO_DRIVER}; the driver probe is cached, so repeated attempts give the same message.
 */
public final class CudaBackend {

    private CudaBackend() {
    }

    /**
     * The backend on the device named by {@code selector} ({@link CudaDevices#select}) with PTX from
     * {@code ptxSource}.
     *
     * @throws BackendException NO_PLATFORM without driver, NO_DEVICE for an unknown device
     */
    public static DeviceBackend open(String selector, Precision precision, CudaModule.PtxSource ptxSource) {
        return new DeviceBackend(new CudaDriver(CudaDevices.select(selector), ptxSource), precision, 0);
    }

    /** {@link #open(String, Precision, CudaModule.PtxSource)} with the PTX source of {@value CudaModule#PTX_PROPERTY}. */
    public static DeviceBackend open(String selector, Precision precision) {
        return open(selector, precision, CudaModule.PtxSource.fromSystemProperty());
    }

    /** Device 0 in fp64. */
    public static DeviceBackend open() {
        return open(DeviceListing.AUTO, Precision.FP64);
    }

    /**
     * A session owning the device named by {@code selector}, with the kernels in {@code precision} for mixtures of
     * up to {@link KernelSources#MAX_COMPONENTS} components (the FORS runner's), PTX from the system property
     * {@value CudaModule#PTX_PROPERTY}.
     *
     * @throws BackendException NO_PLATFORM without a driver, NO_DEVICE, BUILD_FAILED
     */
    public static DeviceSession session(String selector, Precision precision) {
        return DeviceSession.owning(new CudaDriver(CudaDevices.select(selector),
                CudaModule.PtxSource.fromSystemProperty()), precision, KernelSources.MAX_COMPONENTS);
    }
}
