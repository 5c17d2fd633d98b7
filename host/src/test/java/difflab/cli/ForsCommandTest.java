package difflab.cli;

import difflab.backend.opencl.OpenClTestSupport;
import difflab.cli.CommandLineTest.Outcome;
import difflab.core.Particles;
import difflab.io.ParticleFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code difflab fors}: its table, its errors for bad input, and the same particles and NFE on java and opencl. */
class ForsCommandTest {

    static final String[] SMALL = {"fors", "--target", "gmm", "--dim", "1", "-k", "3", "--steps", "16,32",
        "--particles", "300", "--seed", "5"};

    static List<String[]> rows(String out) {
        return out.lines().filter(l -> l.matches("^\\d+\\s.*")).map(l -> l.trim().split("\\s+")).toList();
    }

    static String[] with(String... extra) {
        String[] a = java.util.Arrays.copyOf(SMALL, SMALL.length + extra.length);
        System.arraycopy(extra, 0, a, SMALL.length, extra.length);
        return a;
    }

    @Test
    void printsExactCostAndErrorsPerStepCount() {
        Outcome o = CommandLineTest.run(SMALL);
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("(reconstruction)") && o.out().contains("backend=java"), o.out());
        List<String[]> rows = rows(o.out());
        assertEquals(2, rows.size(), o.out());
        for (String[] r : rows) {
            int steps = Integer.parseInt(r[0]);
            double nfe = Double.parseDouble(r[1]);
            // one score call at y per step plus at least one estimator draw per attempt that draws J >= 1
            assertTrue(nfe > steps, "NFE/sample " + nfe + " at " + steps + " steps");
            double meanError = Double.parseDouble(r[6]);
            double standardError = Double.parseDouble(r[7]);
            assertTrue(meanError < 5 * standardError + 0.05, o.out());
        }
    }

    @Test
    void badValuesExitWithUsageCodeNamingTheAcceptedOnes() {
        Outcome rule = CommandLineTest.run("fors", "--rule", "majority");
        assertEquals(Main.EXIT_USAGE, rule.code());
        assertTrue(rule.err().contains("majority") && rule.err().contains("sequential"), rule.err());
        Outcome reference = CommandLineTest.run("fors", "--reference", "origin");
        assertEquals(Main.EXIT_USAGE, reference.code());
        assertTrue(reference.err().contains("ddpm-mean"), reference.err());
        Outcome schedule = CommandLineTest.run("fors", "--schedule", "li");
        assertEquals(Main.EXIT_USAGE, schedule.code());
        assertTrue(schedule.err().contains("ou") && schedule.err().contains("linear-vp"), schedule.err());
        Outcome backend = CommandLineTest.run("fors", "--backend", "tpu");
        assertEquals(Main.EXIT_USAGE, backend.code());
        assertTrue(backend.err().contains("tpu") && backend.err().contains("opencl"), backend.err());
        Outcome bound = CommandLineTest.run("fors", "--bound", "0");
        assertEquals(Main.EXIT_USAGE, bound.code());
        assertTrue(bound.err().contains("B="), bound.err());
        assertEquals(Main.EXIT_USAGE, CommandLineTest.run("fors", "--tries-per-launch", "0").code());
    }

    @Test
    void openclGivesTheJavaParticlesAndCost(@TempDir Path dir) {
        OpenClTestSupport.requireOpenCl();
        Path javaOut = dir.resolve("java.npy");
        Path deviceOut = dir.resolve("opencl.npy");
        Outcome java = CommandLineTest.run(with("--out", javaOut.toString()));
        Outcome device = CommandLineTest.run(with("--backend", "opencl", "--tries-per-launch", "3", "--out",
                deviceOut.toString()));
        assertEquals(0, java.code(), java.err());
        assertEquals(0, device.code(), device.err());
        List<String[]> a = rows(java.out());
        List<String[]> b = rows(device.out());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i)[1], b.get(i)[1], "NFE/sample");
            assertEquals(a.get(i)[2], b.get(i)[2], "NFE standard error");
        }
        Particles p = ParticleFiles.read(javaOut);
        Particles q = ParticleFiles.read(deviceOut);
        for (int i = 0; i < p.count(); i++) {
            assertEquals(p.get(i, 0), q.get(i, 0), 1e-12 * Math.max(1, Math.abs(p.get(i, 0))));
        }
    }

    @Test
    void tiltScaledGridTakesMoreStepsForSmallerTiltAndOnlyIn1d() {
        Outcome o = CommandLineTest.run("fors", "--target", "gmm", "--dim", "1", "-k", "3", "--grid", "tilt-scaled",
                "--tilt-scale", "0.4,0.2", "--t-end", "0.01", "--particles", "200");
        assertEquals(0, o.code(), o.err());
        List<String[]> rows = rows(o.out());
        assertEquals(2, rows.size(), o.out());
        assertTrue(Integer.parseInt(rows.get(1)[0]) > Integer.parseInt(rows.get(0)[0]), o.out());
        Outcome twoD = CommandLineTest.run("fors", "--dim", "2", "--grid", "tilt-scaled", "--tilt-scale", "0.2");
        assertEquals(Main.EXIT_USAGE, twoD.code());
        assertTrue(twoD.err().contains("--dim 1"), twoD.err());
        assertEquals(Main.EXIT_USAGE, CommandLineTest.run("fors", "--dim", "1", "--grid", "tilt-scaled").code());
        assertEquals(Main.EXIT_USAGE, CommandLineTest.run("fors", "--tilt-scale", "0.2").code());
    }
}
