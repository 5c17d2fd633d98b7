package difflab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmPlanTest {
    private static SlurmPlan.Resources resources(String time, Integer gpus) {
        return new SlurmPlan.Resources("difflab", Optional.of("gpu"), Optional.empty(), Optional.ofNullable(time),
                OptionalInt.of(4), Optional.of("16G"), gpus == null ? OptionalInt.empty() : OptionalInt.of(gpus),
                OptionalInt.of(2));
    }

    private static SlurmPlan plan(Path dir, String backend, Integer gpus) {
        return new SlurmPlan(dir.resolve("difflab"), Optional.of(dir.resolve("jobs/difflab.jar")),
                List.of("scire-few-steps", "ode-orders"), true, backend, Optional.empty(), "fp64",
                dir.resolve("my results"), dir.resolve("jobs/logs"), 3, resources("2:00:00", gpus));
    }

    @Test
    void arrayScriptAsksForTheResourcesAndRunsShardTaskIdOfN(@TempDir Path dir) {
        String s = plan(dir, "cuda", 1).arrayScript();
        for (String line : List.of("#SBATCH --array=1-3%2", "#SBATCH --ntasks=1", "#SBATCH --partition=gpu",
                "#SBATCH --time=2:00:00", "#SBATCH --cpus-per-task=4", "#SBATCH --mem=16G",
                "#SBATCH --gpus-per-task=1", "#SBATCH --output=" + dir.resolve("jobs/logs/shard-%a-of-3-job-%A.out"),
                "export DIFFLAB_JAR=" + dir.resolve("jobs/difflab.jar"))) {
            assertTrue(s.lines().anyMatch(l -> l.startsWith(line)), "missing '" + line + "' in\n" + s);
        }
        String merge = plan(dir, "cuda", 1).mergeScript();
        assertTrue(merge.contains("#SBATCH --job-name=difflab-merge") && !merge.contains("gpus"), merge);
        assertEquals(List.of("--dependency=afterok:17", "--kill-on-invalid-dep=yes"), SlurmPlan.mergeDependency("17"));
    }

    @Test
    void scriptsRunTheLauncherWithTheShardOfTheirArrayTask(@TempDir Path dir) throws Exception {
        Path launcher = dir.resolve("difflab");
        Files.writeString(launcher, "#!/bin/bash\necho \"jar=$DIFFLAB_JAR\"\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        SlurmPlan p = plan(dir, "java", null);
        assertEquals(List.of("jar=" + dir.resolve("jobs/difflab.jar"), "reproduce", "scire-few-steps", "ode-orders",
                "--quick", "--backend", "java", "--precision", "fp64", "--results", dir.resolve("my results").toString(),
                "--no-progress", "--shard", "2/3"), bash(dir, p.arrayScript(), "2"));
        assertEquals(List.of("jar=" + dir.resolve("jobs/difflab.jar"), "merge", "scire-few-steps", "ode-orders",
                "--quick", "--results", dir.resolve("my results").toString()), bash(dir, p.mergeScript(), ""));
    }

    private static List<String> bash(Path dir, String script, String taskId) throws Exception {
        Path file = Files.writeString(dir.resolve("job.sh"), script);
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true);
        pb.environment().put("SLURM_ARRAY_TASK_ID", taskId);
        pb.environment().remove("DIFFLAB_JAR");
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, proc.waitFor(), out);
        return out.lines().toList();
    }

    @Test
    void badValuesAreRefusedNamingTheOptionAndWhatIsAccepted(@TempDir Path dir) {
        assertMessage(() -> plan(dir, "java", 1), "--gpus-per-task", "--backend cuda");
        assertMessage(() -> plan(dir, "cuda", null), "--backend cuda needs --gpus-per-task");
        assertMessage(() -> resources("two hours", null), "--time 'two hours'", "HH:MM:SS");
        assertMessage(() -> resources("1:00:00", 0), "--gpus-per-task 0", ">= 1");
        assertMessage(() -> new SlurmPlan(dir.resolve("difflab"), Optional.empty(), List.of("ode-orders"), false,
                "java", Optional.empty(), "fp64", dir, dir, 0, resources(null, null)), "--array 0", "1 to 1000");
        assertMessage(() -> new SlurmPlan(dir.resolve("difflab"), Optional.empty(), List.of("ode-orders"), false,
                "java", Optional.empty(), "fp64", dir.resolve("it's"), dir, 2, resources(null, null)), "it's");
        for (String t : List.of("30", "30:00", "2:00:00", "1-12", "1-12:00", "1-12:00:00", "UNLIMITED")) {
            resources(t, null);
        }
    }

    private static void assertMessage(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }
}
