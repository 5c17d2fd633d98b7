package difflab.cli;

import difflab.analysis.io.ResultTable;
import difflab.experiment.Experiment;
import difflab.experiment.ExperimentRunner;
import difflab.experiment.Experiments;
import difflab.experiment.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code difflab report}: re-analyses every experiment's runs.csv (no sampling) and rebuilds REPORT.md. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild fits, plots and results/REPORT.md from the runs.csv files alone (no sampling).",
        footer = {"", "Example:", "  ./difflab report"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--results", description = "Results folder. Default: results/ in the repository "
            + "(results/quick for the quick sweeps).")
    Path results;

    @Override
    public Integer call() {
        Path root = Checks.resultsFolder(results, Paths.resultsRoot());
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException((results == null ? "the results folder " : "--results=") + root
                    + " does not exist; accepted: a folder written by `difflab reproduce`");
        }
        ExperimentRunner runner = new ExperimentRunner(root, "difflab report", false, false, System.err);
        PrintWriter out = spec.commandLine().getOut();
        int withRows = 0;
        for (String id : Experiments.ids()) {
            Experiment e = Experiments.byId(id);
            try {
                ResultTable runs = runner.runs(e);
                if (runs != null) {
                    withRows += runs.size() > 0 ? 1 : 0;
                    runner.analyse(e, runs);
                    out.println("re-analysed " + runner.folder(e));
                }
            } catch (IOException failure) {
                throw new UncheckedIOException("cannot report " + id + ": " + failure.getMessage(), failure);
            }
        }
        if (withRows == 0) {
            out.flush();
            spec.commandLine().getErr().println("difflab: failed: no results to report: no runs.csv under " + root
                    + " holds a row; run `difflab reproduce` first (REPORT.md not written)");
            return Main.EXIT_FAILURE;
        }
        out.println("wrote " + new ReportWriter(root).write(Experiments.ids()));
        out.flush();
        return 0;
    }
}
