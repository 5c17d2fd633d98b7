package difflab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The translation unit is complete, and (where {@code nvcc} is installed) the same text compiles as
 * CUDA C++ to PTX in fp64 and fp32 with every kernel entry point, so the CUDA backend can reuse it.
 */
class KernelSourcesTest {

    /** Every device entry point of the portable sources. */
    static final List<String> KERNELS = List.of("philox_kat", "combine", "normals", "copy_real", "peak_fma", "gauss_diag_prepare",
            "stage_gauss_diag", "gmm_iso_prepare", "gmm_diag_prepare", "stage_gmm_iso", "stage_gmm_diag", "sq_dist",
            "partial_sums", "fors_prepare", "fors_compact", "fors_launch", "stage_gauss_full", "score_perturb");
    static final long NVCC_TIMEOUT_S = 120;

    @Test
    void translationUnitHoldsEveryFileAndKernel() {
        String tu = KernelSources.translationUnit();
        for (String f : KernelSources.FILES) {
            assertTrue(tu.contains("#line 1 \"" + f + "\""), f);
        }
        Matcher m = Pattern.compile("KERNEL\\s+(\\w+)\\s*\\(").matcher(tu);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertEquals(KERNELS.size(), found.size(), found.toString());
        assertTrue(found.containsAll(KERNELS), found.toString());
        assertTrue(tu.contains("#pragma OPENCL FP_CONTRACT OFF"));
        assertTrue(tu.contains("#define MAX_TERMS " + KernelSources.MAX_TERMS));
        assertTrue(tu.contains("#define MAX_NOISE " + KernelSources.MAX_NOISE));
    }

    static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void compilesAsCudaWhereNvccExists(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("nvcc"), "nvcc not installed: CUDA compile check skipped");
        Path cu = dir.resolve("difflab.cu");
        Files.writeString(cu, KernelSources.translationUnit(), StandardCharsets.UTF_8);
        for (String precision : new String[] {"", KernelSources.DEFINE_FLOAT}) {
            Path ptx = dir.resolve("difflab" + precision + ".ptx");
            List<String> cmd = new java.util.ArrayList<>(List.of("nvcc", "-ptx", "-arch=sm_80", "--fmad=false",
                    "-x", "cu", cu.toString(), "-o", ptx.toString()));
            if (!precision.isEmpty()) {
                cmd.add(precision);
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            assertTrue(p.waitFor(NVCC_TIMEOUT_S, TimeUnit.SECONDS), "nvcc timed out");
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "nvcc " + precision + " failed:\n" + log);
            String text = Files.readString(ptx);
            for (String k : KERNELS) {
                assertTrue(text.contains(".entry " + k + "("), k + " missing from PTX " + precision);
            }
        }
    }
}
