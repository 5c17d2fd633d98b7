package difflab.cli;

import difflab.core.Particles;
import difflab.io.ParticleFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void listShowsEverySamplerScheduleGridAndTarget() {
        Outcome o = run("list");
        assertEquals(0, o.code());
        for (String id : difflab.sampler.registry.SamplerRegistry.ids()) {
            assertTrue(o.out().contains(id), "list misses " + id);
        }
        assertTrue(o.out().contains("logsnr") && o.out().contains("linear-vp") && o.out().contains("gmm-diag"));
    }

    @Test
    void unknownSamplerExitsWithUsageCodeAndListsValidIds() {
        Outcome o = run("run", "--sampler", "no-such-sampler");
        assertEquals(Main.EXIT_USAGE, o.code());
        assertTrue(o.err().contains("no-such-sampler") && o.err().contains("ddim"), o.err());
    }

    @Test
    void badValuesExitWithUsageCodeNamingTheValue() {
        assertEquals(Main.EXIT_USAGE, run("run", "-s", "ddim", "--steps", "0").code());
        Outcome grid = run("run", "-s", "ddim", "--grid", "zigzag");
        assertEquals(Main.EXIT_USAGE, grid.code());
        assertTrue(grid.err().contains("zigzag") && grid.err().contains("karras"), grid.err());
        Outcome t0 = run("run", "-s", "ddim", "--t-end", "2");
        assertEquals(Main.EXIT_USAGE, t0.code());
        assertTrue(t0.err().contains("--t-end=2.0") && t0.err().contains("t_0=2.0"), t0.err());
        Outcome fp32 = run("run", "-s", "ddim", "--precision", "fp32");
        assertEquals(Main.EXIT_USAGE, fp32.code());
        assertEquals(Main.EXIT_USAGE, run("run", "-s", "ddim", "--no-such-option").code());
        assertEquals(Main.EXIT_USAGE, run("reproduce", "no-such-experiment").code());
    }

    @Test
    void runPrintsDecreasingErrorsAndWritesParticles(@TempDir Path dir) {
        Path out = dir.resolve("final.npy");
        Outcome o = run("run", "-s", "dpmpp-2m", "--steps", "8,32", "--target", "gaussian-full", "--dim", "3",
                "--particles", "50", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        String[] lines = o.out().strip().split("\n");
        double coarse = Double.parseDouble(lines[2].trim().split("\\s+")[2]);
        double fine = Double.parseDouble(lines[3].trim().split("\\s+")[2]);
        assertTrue(fine < coarse / 4, o.out());
        Particles p = ParticleFiles.read(out);
        assertEquals(50, p.count());
        assertEquals(3, p.dimension());
    }

    @Test
    void initFileIsUsedAsTheStartingParticles(@TempDir Path dir) throws Exception {
        Path init = dir.resolve("init.csv");
        Files.writeString(init, "a,b\n0.5,-0.25\n1.0,2.0\n");
        Path out = dir.resolve("out.csv");
        Outcome o = run("run", "-s", "ddim", "--steps", "4", "--target", "gaussian", "--dim", "2", "--init",
                init.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals(2, ParticleFiles.read(out).count());
        Outcome mismatch = run("run", "-s", "ddim", "--steps", "4", "--dim", "3", "--init", init.toString());
        assertEquals(Main.EXIT_USAGE, mismatch.code());
        assertTrue(mismatch.err().contains("dimension 2"), mismatch.err());
    }
}
