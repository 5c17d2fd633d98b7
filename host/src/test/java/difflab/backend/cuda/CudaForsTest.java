package difflab.backend.cuda;

import difflab.backend.ForsDeviceContract;
import difflab.backend.registry.Backends;
import difflab.fors.ForsExecutor;
import org.junit.jupiter.api.Tag;

/**
 * FORS on CUDA against the Java runner ({@link ForsDeviceContract}); needs an NVIDIA GPU. NOT YET RUN: no GPU was
 * available when it was written (the kernel's PTX is compiled and checked by the kernels build).
 */
@Tag("cuda")
class CudaForsTest extends ForsDeviceContract {
    @Override
    protected ForsExecutor open() {
        CudaTestSupport.requireCuda();
        return Backends.fors("cuda", CudaDevices.AUTO);
    }
}
