package difflab.backend.opencl;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The skip rule of every OpenCL test: skip (JUnit assumption) only when no OpenCL device exists AND the
 * environment variable {@code CI} is unset; with {@code CI} set the tests must run, so a missing
 * platform fails them.
 */
public final class OpenClTestSupport {

    /** Environment variable that marks a CI run. */
    static final String CI_VARIABLE = "CI";

    private static Boolean available;

    private OpenClTestSupport() {
    }

    public static synchronized void requireOpenCl() {
        if (available == null) {
            available = OpenClDevices.available();
        }
        if (available) {
            return;
        }
        String ci = System.getenv(CI_VARIABLE);
        if (ci != null && !ci.isEmpty()) {
            fail("CI=" + ci + " but no OpenCL device is available: " + OpenClDevices.report());
        }
        Assumptions.abort("no OpenCL platform and CI unset: " + OpenClDevices.report().trim());
    }
}
