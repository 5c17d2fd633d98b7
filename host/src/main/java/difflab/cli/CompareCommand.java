package difflab.cli;

import difflab.analysis.io.ResultTable;
import difflab.experiment.Experiment;
import difflab.experiment.Experiments;
import difflab.experiment.RunsComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code difflab compare A B [id…]}: whether two results folders hold the same measurements. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare the runs.csv of experiments in two results folders: the same rows in the same order "
                + "with equal key and metric values, as written (wall seconds, device and commit are not compared). "
                + "Exit 0 when equal, 1 with the differences.",
        footer = {"", "Example (a cluster run against a local one):",
            "  ./difflab compare results/quick /scratch/difflab/results scire-few-steps"})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "The reference results folder.")
    Path expected;

    @Parameters(index = "1", description = "The results folder to check.")
    Path actual;

    @Parameters(index = "2..*", arity = "0..*", description = "Experiment ids. Default: every experiment with a "
            + "runs.csv in the reference folder.")
    List<String> ids;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> selected = ids == null || ids.isEmpty() ? Experiments.ids().stream()
                .filter(id -> Files.exists(expected.resolve(id).resolve("runs.csv"))).toList() : ids;
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no runs.csv under " + expected + "/<experiment>/");
        }
        boolean equal = true;
        for (String id : selected) {
            Experiment e = Experiments.byId(id);
            Path a = expected.resolve(id).resolve("runs.csv");
            Path b = actual.resolve(id).resolve("runs.csv");
            for (Path p : List.of(a, b)) {
                if (!Files.exists(p)) {
                    throw new IllegalArgumentException(p + " does not exist");
                }
            }
            try {
                List<String> diffs = RunsComparison.differences(e, ResultTable.readCsv(a), ResultTable.readCsv(b));
                if (diffs.isEmpty()) {
                    out.println(id + ": equal (" + ResultTable.readCsv(a).size() + " rows)");
                } else {
                    equal = false;
                    out.println(id + ": differs:\n  " + String.join("\n  ", diffs));
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        out.flush();
        return equal ? 0 : Main.EXIT_FAILURE;
    }
}
