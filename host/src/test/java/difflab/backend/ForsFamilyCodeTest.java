package difflab.backend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.kernels.KernelSources;
import difflab.target.DeviceTarget;
import org.junit.jupiter.api.Test;

/** The host's FORS family codes are the ones fors.cl defines. */
class ForsFamilyCodeTest {

    @Test
    void codesMatchTheKernelDefines() {
        String src = KernelSources.read("fors.cl");
        assertTrue(src.contains("#define FORS_FAMILY_GAUSS_DIAG "
                + DeviceForsRunner.familyCode(DeviceTarget.Family.GAUSSIAN_DIAGONAL) + "\n"));
        assertTrue(src.contains("#define FORS_FAMILY_GMM_ISO "
                + DeviceForsRunner.familyCode(DeviceTarget.Family.GMM_ISOTROPIC) + "\n"));
        assertTrue(src.contains("#define FORS_FAMILY_GMM_DIAG "
                + DeviceForsRunner.familyCode(DeviceTarget.Family.GMM_DIAGONAL) + "\n"));
    }
}
