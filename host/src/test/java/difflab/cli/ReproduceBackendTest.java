package difflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.experiment.Experiments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reproduce} with a java-only experiment (issue 10 item 2): named with another backend or precision it exits 2
 * naming the option and the experiment, before anything under the results folder is created or changed; its help
 * names every java-only experiment.
 */
class ReproduceBackendTest {

    static Map<Path, String> snapshot(Path root) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                files.put(root.relativize(p), Files.isRegularFile(p) ? Files.readString(p) : "<dir>");
            }
        }
        return files;
    }

    @Test
    void refusedJavaOnlyRunLeavesResultsUntouched(@TempDir Path root) throws IOException {
        for (String id : Experiments.ids()) {
            if (Experiments.byId(id).javaOnlyReason().isEmpty()) {
                continue;
            }
            Path dir = Files.createDirectories(root.resolve(id));
            Files.writeString(dir.resolve("runs.csv"), "sampler,kl\nddim,0.5\n");
            Files.writeString(root.resolve("REPORT.md"), "# earlier report\n");
            Map<Path, String> before = snapshot(root);
            for (String[] option : new String[][] {{"--backend", "opencl"}, {"--precision", "fp32"},
                    {"--backend", "cuda"}}) {
                CommandLineTest.Outcome o = CommandLineTest.run("reproduce", id, "--quick", option[0], option[1],
                        "--results", root.toString(), "--no-progress");
                assertEquals(Main.EXIT_USAGE, o.code(), id + " " + option[0] + ": " + o.err());
                assertTrue(o.err().contains(option[0] + " " + option[1]) && o.err().contains(id), o.err());
                assertEquals(before, snapshot(root), id + " " + option[0] + " changed the results folder");
            }
        }
    }

    @Test
    void helpNamesEveryJavaOnlyExperiment() {
        CommandLineTest.Outcome o = CommandLineTest.run("reproduce", "--help");
        String help = o.out().replaceAll("\\s+", " ");
        for (String id : Experiments.ids()) {
            if (Experiments.byId(id).javaOnlyReason().isPresent()) {
                assertTrue(help.contains(id), "reproduce --help does not name java-only " + id + ": " + help);
            }
        }
        assertTrue(help.contains("exit 2"), help);
    }
}
