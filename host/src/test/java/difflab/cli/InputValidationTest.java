package difflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.experiment.Experiments;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input is refused with exit 2 and a message naming the option, before any sampling or writing. */
class InputValidationTest {

    private static CommandLineTest.Outcome run(String... args) {
        return CommandLineTest.run(args);
    }

    /** Exit 2, a message naming {@code option}, and no sampling (no table header printed). */
    private static void refused(String option, String... args) {
        CommandLineTest.Outcome o = run(args);
        assertEquals(Main.EXIT_USAGE, o.code(), String.join(" ", args) + " -> " + o.err() + o.out());
        assertTrue(o.err().contains(option), String.join(" ", args) + ": the message does not name " + option + ": "
                + o.err());
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), o.err());
        assertFalse(o.out().contains("NFE"), "sampled before refusing: " + o.out());
    }

    @Test
    void emptyAndRepeatedListsAreRefused() {
        refused("--steps", "run", "-s", "ddim", "--steps", ",");
        refused("--steps", "fors", "--steps", ",");
        refused("--backends", "bench", "--backends", ",");
        refused("--steps", "run", "-s", "ddim", "--steps", "8", "--steps", "16");
        refused("--tilt-scale", "fors", "--dim", "1", "--grid", "tilt-scaled", "--tilt-scale", ",");
    }

    @Test
    void sizesThatCannotFitAreRefusedBeforeAnyAllocation() {
        refused("--steps", "run", "-s", "ddim", "--steps", "2147483647", "-n", "1");
        refused("--steps", "run", "-s", "ddim", "--steps", "1073741824", "-n", "1");
        refused("--particles", "bench", "-n", "2147483632");
        refused("--dim", "run", "-s", "ddim", "--dim", "2147483647");
        refused("--components", "run", "-s", "ddim", "-k", "2147483647");
        refused("--particles", "run", "-s", "ddim", "-n", "2000000000", "--dim", "8");
        refused("--dim", "run", "-s", "ddim", "--target", "gaussian-full", "--dim", "200000");
    }

    @Test
    void nonFiniteGridParametersAndTimesAreRefusedByName() {
        refused("--grid-param", "run", "-s", "ddim", "--grid", "karras", "--grid-param", "NaN");
        refused("--grid-param", "run", "-s", "ddim", "--grid", "nsr", "--grid-param", "NaN");
        refused("--grid-param", "run", "-s", "ddim", "--grid", "karras", "--grid-param", "Infinity");
        refused("--grid-param", "fors", "--grid", "karras", "--grid-param", "NaN");
        refused("--grid-param", "run", "-s", "ddim", "--grid", "karras", "--grid-param", "-1");
        refused("--t-end", "run", "-s", "ddim", "--t-end", "NaN");
        refused("--t-end", "run", "-s", "ddim", "--t-end", "2");
        refused("--t-start", "fors", "--t-start", "Infinity");
    }

    @Test
    void optionsThatWouldBeIgnoredAreRefused(@TempDir Path dir) throws Exception {
        Path init = dir.resolve("init.csv");
        Files.writeString(init, "x0,x1\n0.1,0.2\n0.3,0.4\n");
        refused("--particles", "run", "-s", "ddim", "--init", init.toString(), "-n", "5");
        refused("--device", "run", "-s", "ddim", "--device", "0");
        refused("--device", "fors", "--device", "0");
        refused("--device", "reproduce", "ode-orders", "--device", "0", "--results", dir.resolve("r").toString());
        refused("--components", "run", "-s", "ddim", "--target", "gaussian", "-k", "3");
        refused("--li-c1", "run", "-s", "ddim", "--li-c1", "5");
        refused("--horizon", "fors", "--schedule", "linear-vp", "--horizon", "3");
        refused("--steps", "fors", "--dim", "1", "--grid", "tilt-scaled", "--tilt-scale", "0.3", "--steps", "8");
        refused("--grid-param", "run", "-s", "ddim", "--grid", "logsnr", "--grid-param", "3");
        refused("--error-particles", "run", "-s", "ddim", "--target", "gaussian", "--error-particles", "10");
        refused("--error-particles", "run", "-s", "ddpm-ancestral", "--error-particles", "10");
        assertFalse(Files.exists(dir.resolve("r")));
    }

    @Test
    void outIsCheckedBeforeSampling(@TempDir Path dir) {
        refused("--out", "run", "-s", "ddim", "--out", dir.toString());
        refused("--out", "run", "-s", "ddim", "--out", dir.resolve("x0.txt").toString());
        refused("--out", "run", "-s", "ddim", "--out", dir.resolve("missing").resolve("x0.csv").toString());
        refused("--out", "fors", "--out", dir.toString());
    }

    @Test
    void unknownDeviceIsBadUsage() {
        org.junit.jupiter.api.Assumptions.assumeTrue(difflab.backend.opencl.OpenClDevices.available(),
                "no OpenCL device");
        refused("no-such-device", "run", "-s", "ddim", "--backend", "opencl", "--device", "no-such-device");
    }

    @Test
    void noArgumentsPrintsTheUsageAndExitsTwo() {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        assertEquals(Main.EXIT_USAGE, cl.execute());
        assertTrue(err.toString().contains("Usage: difflab"), err.toString());
    }

    @Test
    void emptyResultsFolderIsRefusedAndNothingIsWritten() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        refused("--results", "reproduce", "ddpm-kl-rate", "--quick", "--results", "");
        refused("--results", "report", "--results", "");
        assertFalse(Files.exists(cwd.resolve("ddpm-kl-rate")) || Files.exists(cwd.resolve("REPORT.md")));
    }

    @Test
    void reportOfAMissingFolderIsRefusedAndCreatesNothing(@TempDir Path dir) {
        Path missing = dir.resolve("does-not-exist");
        refused("--results", "report", "--results", missing.toString());
        assertFalse(Files.exists(missing));
    }

    @Test
    void reportWithoutAnyRowSaysSoAndFails(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("ode-orders").resolve("runs.csv");
        Files.createDirectories(runs.getParent());
        Files.writeString(runs, "sampler,schedule,grid,steps,target,dim,components,particles,seed,precision,backend,"
                + "lof,nfe,error,wall_seconds,device,git_commit\n");
        CommandLineTest.Outcome o = run("report", "--results", dir.toString());
        assertEquals(Main.EXIT_FAILURE, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("no results to report"), o.err());
        assertFalse(Files.exists(dir.resolve("REPORT.md")));
    }

    @Test
    void repeatedExperimentIdsRunOnce() {
        assertEquals(List.of("ddpm-kl-rate"), List.copyOf(ReproduceCommand.selected(
                List.of("ddpm-kl-rate", "ddpm-kl-rate"))));
        List<String> all = List.copyOf(ReproduceCommand.selected(List.of("ddpm-kl-rate", "all")));
        assertEquals(Experiments.ids().size(), all.size());
        assertEquals("ddpm-kl-rate", all.get(0));
    }
}
