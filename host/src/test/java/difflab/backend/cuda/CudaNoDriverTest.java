package difflab.backend.cuda;

import difflab.backend.bench.Benchmark;
import difflab.backend.registry.Backends;
import difflab.cli.Main;
import difflab.core.BackendException;
import difflab.core.Precision;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without an NVIDIA driver (CI, the development machines) every way into the cuda backend ends in a
 * {@link BackendException} NO_PLATFORM whose message starts with {@link CudaDriverProbe#NO_DRIVER}, the CLI exits
 * with code 1, and a second attempt gives the same message (the probe is cached: JCuda's second failure
 * would be a {@link NoClassDefFoundError}). Skipped where a driver exists ({@link CudaDriverMessagesTest}
 * checks the message formatting everywhere).
 */
class CudaNoDriverTest {

    @BeforeEach
    void onlyWithoutDriver() {
        Assumptions.assumeFalse(CudaDriverProbe.available(), "a CUDA driver is present: " + CudaDriverProbe.status().message());
    }

    static void assertNoDriver(BackendException e) {
        assertEquals(BackendException.Reason.NO_PLATFORM, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith("no CUDA driver (libcuda.so.1 not found)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void probeIsCachedAndSaysNoDriver() {
        CudaDriverProbe.Status s = CudaDriverProbe.status();
        assertFalse(s.available());
        assertSame(s, CudaDriverProbe.status(), "probed once");
        assertTrue(s.message().startsWith(CudaDriverProbe.NO_DRIVER), s.message());
        assertEquals(0, s.deviceCount());
    }

    @Test
    void backendConstructionFailsCleanlyEveryTime() {
        for (int attempt = 0; attempt < 3; attempt++) {
            assertNoDriver(assertThrows(BackendException.class, CudaBackend::open));
            assertNoDriver(assertThrows(BackendException.class,
                    () -> Backends.create("cuda", null, Precision.FP32)));
        }
    }

    @Test
    void deviceListingSaysWhyThereIsNone() {
        assertNoDriver(assertThrows(BackendException.class, CudaDevices::list));
        String report = CudaDevices.report();
        assertTrue(report.startsWith("CUDA devices"), report);
        assertTrue(report.contains("none: no CUDA driver (libcuda.so.1 not found)"), report);
        assertFalse(CudaDevices.available());
    }

    @Test
    void benchmarkRefusesInsteadOfSkipping() {
        Benchmark.Config c = new Benchmark.Config(List.of("cuda"), "auto", 0, 16, 16, 2, 1, 2, 1);
        assertNoDriver(assertThrows(BackendException.class, () -> Benchmark.run(c)));
    }

    @Test
    void commandLineExitsWithFailureCodeAndTheMessage() {
        for (String[] args : List.of(
                new String[] {"run", "--backend", "cuda", "-s", "ddim", "--steps", "4", "-n", "10"},
                new String[] {"bench", "--backends", "cuda", "-n", "16", "--repetitions", "1"})) {
            CommandLine cl = Main.commandLine();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(new StringWriter()));
            cl.setErr(new PrintWriter(err));
            int code = cl.execute(args);
            assertEquals(Main.EXIT_FAILURE, code, String.join(" ", args) + ": " + err);
            assertTrue(err.toString().contains("difflab: failed: no CUDA driver (libcuda.so.1 not found)"), err.toString());
        }
    }

    @Test
    void devicesCommandListsTheCudaSection() {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, cl.execute("devices"));
        assertTrue(out.toString().contains("CUDA devices"), out.toString());
        assertTrue(out.toString().contains("no CUDA driver (libcuda.so.1 not found)"), out.toString());
    }
}
