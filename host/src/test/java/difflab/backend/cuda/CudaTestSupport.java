package difflab.backend.cuda;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The skip rule of the {@code cuda}-tagged tests: they need an NVIDIA driver and GPU, which CI and the
 * development machines do not have, so they are skipped (JUnit assumption, with the probe's message)
 * where {@link CudaDriverProbe#available()} is false. On a GPU machine set {@value #REQUIRE_VARIABLE}=1 so that a
 * broken driver setup fails them instead of skipping silently.
 */
final class CudaTestSupport {

    /** Environment variable that turns a missing driver into a failure. */
    static final String REQUIRE_VARIABLE = "DIFFLAB_REQUIRE_CUDA";

    private CudaTestSupport() {
    }

    static void requireCuda() {
        if (CudaDriverProbe.available()) {
            return;
        }
        String require = System.getenv(REQUIRE_VARIABLE);
        if (require != null && !require.isEmpty()) {
            fail(REQUIRE_VARIABLE + "=" + require + " but the cuda backend cannot run: " + CudaDriverProbe.status().message());
        }
        Assumptions.abort("no CUDA: " + CudaDriverProbe.status().message());
    }
}
