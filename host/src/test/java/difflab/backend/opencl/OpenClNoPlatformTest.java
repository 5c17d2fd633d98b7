package difflab.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without an OpenCL platform the command line says so and exits 1, never crashes and never falls back to
 * another backend. The platform is hidden from a child JVM by pointing the ICD loader ({@code ocl-icd}) at an
 * empty vendor directory ({@code OCL_ICD_VENDORS}); this JVM's loader has already seen the real one.
 */
class OpenClNoPlatformTest {
    private static final long TIMEOUT_SECONDS = 120;

    record Outcome(int code, String out, String err) {
    }

    static Outcome difflab(Path dir, String... args) throws IOException, InterruptedException {
        Path vendors = Files.createDirectories(dir.resolve("no-vendors"));
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>(List.of(java, "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), "difflab.cli.Main"));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("OCL_ICD_VENDORS", vendors.toString());
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void runAndForsExitOneNamingTheMissingPlatformAndDevicesListsNone(@TempDir Path dir)
            throws IOException, InterruptedException {
        OpenClTestSupport.requireOpenCl();
        Outcome run = difflab(dir, "run", "--backend", "opencl", "-s", "ddim", "--steps", "4", "--particles", "10");
        assertEquals(1, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("no OpenCL platform found") && run.err().contains("pocl-opencl-icd"), run.err());
        assertFalse(run.out().contains("steps"), "no table is started: " + run.out());
        Outcome fors = difflab(dir, "fors", "--backend", "opencl", "--steps", "4", "--particles", "10");
        assertEquals(1, fors.code(), fors.out() + fors.err());
        assertTrue(fors.err().contains("no OpenCL platform found"), fors.err());
        Outcome devices = difflab(dir, "devices");
        assertEquals(0, devices.code(), devices.err());
        assertTrue(devices.out().contains("none: no OpenCL platform found"), devices.out());
    }
}
