package difflab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI check that every kernel of the portable sources compiles to PTX as CUDA C++ in fp64 and fp32
 * (compile only: {@code nvcc -ptx}, no GPU or driver needed), with the options of {@code scripts/build-ptx},
 * and that each {@code KERNEL name(} of the sources appears as {@code .entry name} in the PTX.
 *
 * <p>Skip rule: nvcc is installed on the development machines and on CI's, so with the environment variable
 * {@code CI} set a missing nvcc fails the test (the check must not skip silently in CI); without {@code CI}
 * it is skipped with the reason. {@code NVCC=/path/to/nvcc} picks a compiler.
 */
class PtxCompileTest {

    /** Virtual architecture of the build (the lowest CUDA 13 accepts). */
    static final String ARCH = "compute_75";
    /** Seconds one nvcc run may take before the test fails. */
    static final long NVCC_TIMEOUT_SECONDS = 120;
    /** Kernels the host backends launch: they must exist in every build. */
    static final List<String> LAUNCHED = List.of("combine", "copy_real", "gauss_diag_prepare", "stage_gauss_diag",
            "gmm_iso_prepare", "stage_gmm_iso", "gmm_diag_prepare", "stage_gmm_diag");

    private static final Pattern ENTRY = Pattern.compile("(?m)^\\.visible \\.entry ([A-Za-z_][A-Za-z0-9_]*)\\(");

    static String nvcc;

    @TempDir
    Path dir;

    @BeforeAll
    static void findNvcc() {
        nvcc = locate();
        if (nvcc == null) {
            String ci = System.getenv("CI");
            String why = "nvcc not found (NVCC unset, not on PATH, no /usr/local/cuda/bin/nvcc)";
            if (ci != null && !ci.isEmpty()) {
                fail("CI=" + ci + " but " + why + ": the PTX compile check must run in CI");
            }
            Assumptions.abort(why + " and CI unset");
        }
    }

    /** NVCC, then nvcc on PATH, then /usr/local/cuda/bin/nvcc; null if none is executable. */
    static String locate() {
        String env = System.getenv("NVCC");
        if (env != null && !env.isEmpty() && !env.equals("none")) {
            return new File(env).canExecute() ? env : null;
        }
        if ("none".equals(env)) {
            return null;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String p : path.split(File.pathSeparator)) {
                File f = new File(p, "nvcc");
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        File f = new File("/usr/local/cuda/bin/nvcc");
        return f.canExecute() ? f.getPath() : null;
    }

    /** Entry names of a PTX text, in order. */
    static List<String> entries(String ptx) {
        List<String> names = new ArrayList<>();
        Matcher m = ENTRY.matcher(ptx);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    String compile(boolean fp32) throws IOException, InterruptedException {
        Path cu = dir.resolve("difflab.cu");
        Files.writeString(cu, KernelSources.translationUnit(), StandardCharsets.UTF_8);
        Path ptx = dir.resolve(fp32 ? "fp32.ptx" : "fp64.ptx");
        List<String> cmd = new ArrayList<>(List.of(nvcc, "-ptx", "-arch=" + ARCH, "--fmad=false", "-x", "cu",
                "-D" + KernelSources.DEFINE_GMM_MAX_K + "=" + KernelSources.MAX_COMPONENTS));
        if (fp32) {
            cmd.add(KernelSources.DEFINE_FLOAT);
        }
        cmd.addAll(List.of("-o", ptx.toString(), cu.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(NVCC_TIMEOUT_SECONDS, TimeUnit.SECONDS), "nvcc did not finish: " + cmd);
        assertEquals(0, p.exitValue(), "nvcc failed (" + String.join(" ", cmd) + "):\n" + log);
        return Files.readString(ptx, StandardCharsets.UTF_8);
    }

    void check(boolean fp32) throws IOException, InterruptedException {
        List<String> kernels = KernelSources.kernelNames();
        assertTrue(kernels.containsAll(LAUNCHED), "sources lack launched kernels: " + kernels);
        String ptx = compile(fp32);
        List<String> entries = entries(ptx);
        Set<String> expected = new LinkedHashSet<>(kernels);
        assertEquals(expected, new LinkedHashSet<>(entries), (fp32 ? "fp32" : "fp64") + " PTX entries");
        assertEquals(kernels.size(), entries.size(), "each kernel exactly once: " + entries);
        // the precision reached the code: fp64 PTX computes in .f64, fp32 PTX has no .f64 parameters
        Pattern realParam = Pattern.compile("\\.param \\.f64 combine_param_");
        assertEquals(!fp32, realParam.matcher(ptx).find(), "REAL of the combine kernel in the "
                + (fp32 ? "fp32" : "fp64") + " build");
    }

    @Test
    void everyKernelCompilesToPtxInFp64() throws Exception {
        check(false);
    }

    @Test
    void everyKernelCompilesToPtxInFp32() throws Exception {
        check(true);
    }
}
