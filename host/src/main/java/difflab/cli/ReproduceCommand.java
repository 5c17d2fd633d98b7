package difflab.cli;

import difflab.core.Precision;
import difflab.experiment.Experiment;
import difflab.experiment.ExperimentBackend;
import difflab.experiment.ExperimentRunner;
import difflab.experiment.Experiments;
import difflab.experiment.ReportWriter;
import difflab.experiment.Scale;
import difflab.experiment.Shard;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code difflab reproduce <id>|all [--quick]}: runs experiments into results/ and rebuilds REPORT.md. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Run one experiment or all of them, write results/<id>/{runs.csv,fits.csv,manifest.json,plots/} "
                + "and rebuild results/REPORT.md. Finished cells are skipped unless --force.",
        footer = {"", "Examples:",
            "  ./difflab reproduce --quick                 # every experiment, reduced sweeps, into results/quick/",
            "  ./difflab reproduce ode-orders              # the full sweep of one experiment",
            "  ./difflab reproduce all --results /tmp/r    # everything, into another folder",
            "  ./difflab reproduce ode-orders --shard 2/3  # a third of its cells; then merge"})
final class ReproduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", defaultValue = "all", description = "Experiment ids or 'all' (default); each runs once,"
            + " in the order given.")
    List<String> ids;

    @Option(names = "--quick", description = "Run the reduced sweeps (a few minutes on 2 cores).")
    boolean quick;

    @Option(names = "--force", description = "Rerun cells already present in runs.csv.")
    boolean force;

    @Option(names = "--results", description = "Results folder. Default: results/ in the repository, results/quick/ "
            + "with --quick (never mixed into the committed full results).")
    Path results;

    @Option(names = "--backend", defaultValue = "java", description = "java, opencl or cuda. Default: ${DEFAULT-VALUE}. "
            + "Java-only (exact propagation on the host, nothing sampled): ddpm-kl-rate, score-error-floor, "
            + "high-accuracy; named with another backend or precision they are refused (exit 2), with 'all' they run "
            + "on java fp64 and record it. li2024-sde's exact-KL cells run on java fp64 (recorded so), li2024-ode's "
            + "kl column is exact in fp64 beside the sampled error.")
    String backend;

    @Option(names = "--device", description = "Device index or name substring for device backends.")
    String device;

    @Option(names = "--precision", defaultValue = "fp64", description = "fp64 or fp32. Default: ${DEFAULT-VALUE}.")
    String precision;

    @Option(names = "--no-progress", description = "Do not draw progress bars.")
    boolean noProgress;

    @Option(names = "--shard", paramLabel = "i/n", description = "Run only shard i of n (1-based) of each experiment's "
            + "cells, into <id>/shards/ instead of runs.csv; combine the shards with 'difflab merge'.")
    String shard;

    @Override
    public Integer call() {
        Set<String> selected = selected(ids);
        Precision prec = Precision.parse(precision);
        Checks.backendAndDevice(backend, device);
        Shard part = shard == null ? Shard.WHOLE : Shard.parse(shard);
        Path root = Checks.resultsFolder(results, quick ? Paths.quickResultsRoot() : Paths.resultsRoot());
        // every experiment's backend is settled (or the option refused) before anything is written
        Map<String, ExperimentBackend> where = new LinkedHashMap<>();
        for (String id : selected) {
            where.put(id, ExperimentBackend.resolve(Experiments.byId(id), backend, device, prec, ids.contains(id)));
        }
        String commandLine = "difflab " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        ExperimentRunner runner = new ExperimentRunner(root, commandLine, force, !noProgress, System.err);
        PrintWriter out = spec.commandLine().getOut();
        for (String id : selected) {
            Experiment e = Experiments.byId(id);
            ExperimentBackend b = where.get(id);
            b.note().ifPresent(note -> spec.commandLine().getErr().println("difflab: note: " + note));
            runner.run(e, quick ? Scale.QUICK : Scale.FULL, b.backend(), b.device(), b.precision(), part);
            out.println("wrote " + runner.folder(e) + (part.isWhole() ? "" : " (shard " + part + ")"));
            out.flush();
        }
        if (!part.isWhole()) {
            return 0;
        }
        Path report = new ReportWriter(root).write(Experiments.ids());
        out.println("wrote " + report);
        out.flush();
        return 0;
    }

    /** The experiments to run, each once, in the order first named ({@code all} = every experiment). */
    static Set<String> selected(List<String> ids) {
        Set<String> selected = new LinkedHashSet<>();
        for (String id : ids) {
            if (id.equals("all")) {
                selected.addAll(Experiments.ids());
            } else {
                Experiments.byId(id);
                selected.add(id);
            }
        }
        return selected;
    }
}
