package difflab.cli;

import difflab.experiment.Experiment;
import difflab.experiment.Experiments;
import difflab.experiment.ReportWriter;
import difflab.experiment.Scale;
import difflab.experiment.ShardMerge;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code difflab merge <id>|all [--quick]}: combines the shards written by {@code reproduce --shard}. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Combine the shards written by 'reproduce --shard i/n' into each experiment's runs.csv, analyse "
                + "it and rebuild REPORT.md. Refuses (exit 1, nothing written) on conflicting duplicates and on missing "
                + "cells, naming the shard to rerun.",
        footer = {"", "Examples:",
            "  ./difflab merge ode-orders --quick         # after reproduce ... --shard i/n",
            "  ./difflab merge all --results /scratch/r   # all with shards there"})
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", defaultValue = "all",
            description = "Experiment ids, or 'all' (default): every experiment that has shards at this scale.")
    List<String> ids;

    @Option(names = "--quick", description = "Merge the shards of the reduced sweeps (under results/quick/ by default).")
    boolean quick;

    @Option(names = "--results", description = "Results folder, as given to reproduce. Default: results/ in the "
            + "repository, results/quick/ with --quick.")
    Path results;

    @Option(names = "--partial", description = "Write the rows present even when cells are missing (still reported).")
    boolean partial;

    @Option(names = "--replace", description = "Let shard rows replace runs.csv rows with other values instead of "
            + "refusing.")
    boolean replace;

    @Override
    public Integer call() {
        Scale scale = quick ? Scale.QUICK : Scale.FULL;
        Path root = results != null ? results : quick ? Paths.quickResultsRoot() : Paths.resultsRoot();
        String commandLine = "difflab " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        ShardMerge merge = new ShardMerge(root, commandLine, System.err);
        List<Experiment> selected = new ArrayList<>();
        boolean all = ids.contains("all");
        for (String id : all ? Experiments.ids() : ids) {
            Experiment e = Experiments.byId(id);
            if (!all || merge.hasShards(e, scale)) {
                selected.add(e);
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no experiment has shards at scale " + scale.name().toLowerCase()
                    + " under " + root + (quick ? "" : " (shards of --quick runs need --quick)"));
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Experiment e : selected) {
            ShardMerge.Merged m = merge.merge(e, scale, partial, replace);
            out.println("wrote " + m.runsFile() + " (" + m.rows() + " rows from " + m.shardFiles() + " shard files"
                    + (m.missingCells() > 0 ? ", " + m.missingCells() + " cells missing" : "") + ")");
            out.flush();
        }
        out.println("wrote " + new ReportWriter(root).write(Experiments.ids()));
        out.flush();
        return 0;
    }
}
