package difflab.backend.cuda;

import difflab.core.BackendException;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages and result-code mapping of the CUDA driver layer, checked on synthetic inputs so they run on
 * every machine, with or without a driver: JCuda's multi-line link errors become one line naming
 * {@code libcuda.so.1}, driver codes map to {@link BackendException} reasons, the NVRTC probe never throws.
 */
class CudaDriverMessagesTest {

    @Test
    void linkErrorMessages() {
        String jcuda = "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open "
                + "shared object file: No such file or directory\n\tat java.base/...";
        String m = CudaDriverProbe.describeLinkError(new UnsatisfiedLinkError(jcuda));
        assertTrue(m.startsWith(CudaDriverProbe.NO_DRIVER + "; "), m);
        String other = CudaDriverProbe.describeLinkError(new UnsatisfiedLinkError(
                "Error while loading native library \"JCudaDriver\"\njava.lang.UnsatisfiedLinkError: /tmp/x.so: failed to map "
                        + "segment from shared object\n\tat ..."));
        assertTrue(other.startsWith("the CUDA driver binding (JCuda) could not be loaded: "), other);
        assertTrue(other.contains("failed to map segment"), other);
        assertFalse(other.contains("\n"), other);
        String again = CudaDriverProbe.describeLinkError(new NoClassDefFoundError("Could not initialize class jcuda.driver.JCudaDriver"));
        assertTrue(again.contains("earlier attempt"), again);
    }

    @Test
    void driverResultCodesMapToReasons() {
        assertEquals(BackendException.Reason.OUT_OF_MEMORY, CudaDriverProbe.reasonOf(jcuda.driver.CUresult.CUDA_ERROR_OUT_OF_MEMORY));
        assertEquals(BackendException.Reason.BUILD_FAILED,
                CudaDriverProbe.reasonOf(jcuda.driver.CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION));
        assertEquals(BackendException.Reason.NO_DEVICE, CudaDriverProbe.reasonOf(jcuda.driver.CUresult.CUDA_ERROR_NO_DEVICE));
        BackendException e = CudaDriverProbe.error(jcuda.driver.CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION, "loading PTX");
        assertEquals("CUDA error CUDA_ERROR_UNSUPPORTED_PTX_VERSION (222) while loading PTX", e.getMessage());
    }

    @Test
    void nvrtcProbeNeverThrows() {
        Nvrtc.Status s = Nvrtc.status();
        assertSame(s, Nvrtc.status());
        if (!s.available()) {
            assertTrue(s.message().contains("NVRTC"), s.message());
            assertEquals(BackendException.Reason.NO_PLATFORM,
                    assertThrows(BackendException.class, () -> Nvrtc.compile("", "x.cu", List.of())).reason());
        }
    }
}
