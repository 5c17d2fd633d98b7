package difflab.backend.opencl;

import difflab.backend.ForsDeviceContract;
import difflab.backend.registry.Backends;
import difflab.fors.ForsExecutor;

/** FORS on OpenCL (PoCL in CI) against the Java runner; the contract is {@link ForsDeviceContract}. */
class OpenClForsTest extends ForsDeviceContract {
    @Override
    protected ForsExecutor open() {
        OpenClTestSupport.requireOpenCl();
        return Backends.fors("opencl", OpenClDevices.AUTO);
    }
}
