package difflab.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.backend.SignalChaining;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM survives OpenCL drivers that install their own signal handlers (see {@link SignalChaining}).
 * {@link SignalChainingProbe} runs in a child JVM with this JVM's environment, which the surefire
 * configuration gives {@code LD_PRELOAD=libjsig.so}; without it the probe dies with SIGSEGV (exit 139)
 * in every one of four runs on PoCL 3.1, with it every run exits 0.
 */
class OpenClSignalChainingTest {

    private static final int ROUNDS = 3;
    private static final long TIMEOUT_SECONDS = 180;

    @Test
    void preloadValuesAreRecognised() {
        assertTrue(SignalChaining.preloads("/usr/lib/jvm/x/lib/libjsig.so"));
        assertTrue(SignalChaining.preloads("/opt/a.so:/j/lib/libjsig.so"));
        assertFalse(SignalChaining.preloads(null));
        assertFalse(SignalChaining.preloads(""));
        assertFalse(SignalChaining.preloads("/opt/libjsig.so.bak"));
    }

    @Test
    void jvmSurvivesSafepointsAfterPoclInstallsItsSignalHandlers(@TempDir Path dir)
            throws IOException, InterruptedException {
        OpenClTestSupport.requireOpenCl();
        assertTrue(SignalChaining.active(), "the test JVM must run with " + SignalChaining.remedy()
                + " (surefire configuration, profile linux-signal-chaining)");
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        Path log = dir.resolve("probe.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SignalChainingProbe.class.getName(), Integer.toString(ROUNDS)))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("POCL_CACHE_DIR", Files.createDirectories(dir.resolve("pocl-cache")).toString());
        Process child = pb.start();
        if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), "the probe JVM died (139 = SIGSEGV: the JVM's signal handlers were"
                + " replaced):\n" + output);
        assertTrue(output.contains(SignalChainingProbe.SURVIVED), output);
    }
}
