package difflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.experiment.Experiments;
import difflab.experiment.Scale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmCommandTest {

    @Test
    void submitSendsTheArrayThenTheMergeJobDependingOnIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("sbatch.log");
        Path fake = dir.resolve("sbatch");
        // answers like sbatch --parsable: "<id>;<cluster>" for the first job, "<id>" for the second
        Files.writeString(fake, "#!/bin/bash\necho \"$*\" >> '" + log + "'\n"
                + "if [ $(wc -l < '" + log + "') = 1 ]; then echo '41;lab'; else echo 42; fi\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        CommandLineTest.Outcome o = CommandLineTest.run("slurm", "scire-few-steps", "--quick", "--array", "3",
                "--time", "10", "--results", dir.resolve("r").toString(), "--out", dir.resolve("jobs").toString(),
                "--sbatch", fake.toString(), "--submit");
        assertEquals(0, o.code(), o.err());
        int cells = Experiments.byId("scire-few-steps").cells(Scale.QUICK).size();
        int[] perTask = {(cells + 2) / 3, (cells + 1) / 3, cells / 3};
        assertTrue(o.out().contains(cells + " cells, " + java.util.Arrays.toString(perTask) + " per task"), o.out());
        assertTrue(o.out().contains("submitted array job 41 (tasks 1-3) and merge job 42 (afterok:41)"), o.out());
        List<String> calls = Files.readAllLines(log);
        assertEquals("--parsable " + dir.resolve("jobs/array.sbatch"), calls.get(0));
        assertEquals("--parsable --dependency=afterok:41 --kill-on-invalid-dep=yes " + dir.resolve("jobs/merge.sbatch"),
                calls.get(1));
        String array = Files.readString(dir.resolve("jobs/array.sbatch"));
        assertTrue(array.contains("--shard \"${SLURM_ARRAY_TASK_ID}/3\"") && array.contains("#SBATCH --time=10"), array);
    }

    @Test
    void failingSbatchExitsWithFailureAndItsMessage(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("sbatch");
        Files.writeString(fake, "#!/bin/bash\necho 'sbatch: error: invalid partition specified: nope' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        CommandLineTest.Outcome o = CommandLineTest.run("slurm", "ode-orders", "--partition", "nope",
                "--out", dir.resolve("jobs").toString(), "--sbatch", fake.toString(), "--submit");
        assertEquals(Main.EXIT_FAILURE, o.code());
        assertTrue(o.err().contains("invalid partition specified: nope"), o.err());
    }

    @Test
    void badUsageExitsWithTheUsageCode(@TempDir Path dir) {
        String out = dir.resolve("jobs").toString();
        for (String[] args : List.of(new String[] {"slurm", "ode-orders", "--gpus-per-task", "1", "--out", out},
                new String[] {"slurm", "ode-orders", "--backend", "cuda", "--out", out},
                new String[] {"slurm", "ode-orders", "--backend", "metal", "--out", out},
                new String[] {"slurm", "ode-orders", "--array", "0", "--out", out},
                new String[] {"slurm", "no-such-experiment", "--out", out},
                new String[] {"reproduce", "ode-orders", "--shard", "4/3"},
                new String[] {"merge", "ode-orders", "--results", out})) {
            CommandLineTest.Outcome o = CommandLineTest.run(args);
            assertEquals(Main.EXIT_USAGE, o.code(), String.join(" ", args) + ": " + o.err());
        }
        assertTrue(!Files.exists(dir.resolve("jobs")), "nothing is written for bad usage");
    }
}
