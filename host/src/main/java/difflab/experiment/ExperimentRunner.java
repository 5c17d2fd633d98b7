package difflab.experiment;

import difflab.analysis.io.AtomicFiles;
import difflab.analysis.io.JsonFiles;
import difflab.analysis.io.ResultTable;
import difflab.run.Backend;
import difflab.run.Backends;
import difflab.backend.Precision;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Runs an experiment's cells into {@code <results>/<id>/} and analyses them:
 * <ul>
 * <li>{@code runs.csv}: one row per cell (all cell fields, metrics, wall seconds, device, git commit), rewritten
 * atomically after every cell, so an interrupted run keeps every finished cell and no half-written file;</li>
 * <li>a rerun skips cells already in runs.csv unless {@code force};</li>
 * <li>{@code fits.csv}, {@code plots/*.png} and {@code manifest.json} (command line, git commit, backend, device,
 * precision, versions, the claim, findings) after the cells.</li>
 * </ul>
 */
public final class ExperimentRunner {
    /** Columns every runs.csv has after the cell key columns and the metrics. */
    public static final List<String> RUN_INFO_COLUMNS = List.of("wall_seconds", "device", "git_commit");

    private final Path resultsRoot;
    private final String commandLine;
    private final boolean force;
    private final boolean progress;
    private final PrintStream log;

    /**
     * @param resultsRoot the results folder (usually {@code results/})
     * @param commandLine the command line recorded in the manifest
     * @param force       rerun cells already present
     * @param progress    show a progress bar on stderr
     * @param log         where one-line status messages go
     */
    public ExperimentRunner(Path resultsRoot, String commandLine, boolean force, boolean progress, PrintStream log) {
        this.resultsRoot = resultsRoot;
        this.commandLine = commandLine;
        this.force = force;
        this.progress = progress;
        this.log = log;
    }

    /** The folder of one experiment. */
    public Path folder(Experiment e) {
        return resultsRoot.resolve(e.id());
    }

    /**
     * Runs the experiment at this scale on a backend (cells keep their own backend id only when it matches), then
     * analyses it.
     */
    public Analysis run(Experiment experiment, Scale scale, String backendId, String device, Precision precision) {
        Path dir = folder(experiment);
        Path runsFile = dir.resolve("runs.csv");
        List<Cell> cells = new ArrayList<>();
        for (Cell c : experiment.cells(scale)) {
            cells.add(experiment.samplesOnBackend(c) ? c.on(backendId, precision.id()) : c);
        }
        try {
            Files.createDirectories(dir);
            ResultTable runs = Files.exists(runsFile) ? ResultTable.readCsv(runsFile) : null;
            List<String> columns = columns(experiment, cells);
            if (runs == null || !runs.columns().equals(columns)) {
                runs = migrate(runs, columns);
            }
            String commit = GitInfo.commit();
            int done = 0;
            int skipped = 0;
            Instant started = Instant.now();
            String deviceName;
            try (Backend backend = Backends.create(backendId, device, precision);
                 ProgressBar bar = progressBar(experiment.id(), cells.size())) {
                deviceName = backend.device();
                for (Cell cell : cells) {
                    Set<List<String>> present = runs.keys(cell.keyColumns());
                    List<String> key = ResultTable.keyOf(cell.asRow(), cell.keyColumns());
                    if (!force && present.contains(key)) {
                        skipped++;
                        step(bar);
                        continue;
                    }
                    long t0 = System.nanoTime();
                    Map<String, Object> metrics = experiment.measure(cell, backend);
                    double seconds = (System.nanoTime() - t0) * 1e-9;
                    Map<String, Object> row = new LinkedHashMap<>(cell.asRow());
                    for (String m : experiment.metricColumns()) {
                        row.put(m, metrics.get(m));
                    }
                    row.put("wall_seconds", seconds);
                    row.put("device", deviceName);
                    row.put("git_commit", commit);
                    runs = runs.upsert(List.of(row), cell.keyColumns());
                    runs.writeCsv(runsFile);
                    done++;
                    step(bar);
                }
            }
            log.printf("%s: %d cells run, %d already present%s%n", experiment.id(), done, skipped,
                    force ? "" : " (use --force to rerun)");
            Analysis analysis = analyse(experiment, runs);
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("experiment", experiment.id());
            manifest.put("title", experiment.title());
            manifest.put("claim", experiment.claim());
            manifest.put("how_to_read", experiment.howToRead());
            manifest.put("scale", scale.name().toLowerCase(java.util.Locale.ROOT));
            manifest.put("command_line", commandLine);
            manifest.put("git_commit", commit);
            manifest.put("backend", backendId);
            manifest.put("device", deviceName);
            manifest.put("precision", precision.id());
            manifest.put("cells", cells.size());
            manifest.put("cells_run", done);
            manifest.put("started", started.toString());
            manifest.put("finished", Instant.now().toString());
            manifest.put("versions", GitInfo.versions());
            JsonFiles.writeAtomic(dir.resolve("manifest.json"), manifest);
            return analysis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results of " + experiment.id() + " under " + dir, e);
        }
    }

    /**
     * Re-analyses an experiment from its runs.csv alone (no sampling): rewrites fits.csv, the plots and the
     * analysis part of the report, which {@link ReportWriter} reads.
     */
    public Analysis analyse(Experiment experiment, ResultTable runs) throws IOException {
        Path dir = folder(experiment);
        Path plots = dir.resolve("plots");
        Files.createDirectories(plots);
        Analysis analysis = experiment.analyse(runs, plots);
        analysis.fits().writeCsv(dir.resolve("fits.csv"));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("plots", analysis.plots());
        report.put("blocks", analysis.reportBlocks());
        report.put("findings", analysis.findings());
        JsonFiles.writeAtomic(dir.resolve("analysis.json"), report);
        return analysis;
    }

    /** Reads runs.csv of an experiment, or null when it has never run. */
    public ResultTable runs(Experiment experiment) throws IOException {
        Path file = folder(experiment).resolve("runs.csv");
        return Files.exists(file) ? ResultTable.readCsv(file) : null;
    }

    private static List<String> columns(Experiment e, List<Cell> cells) {
        List<String> cols = new ArrayList<>(Cell.KEY_COLUMNS);
        for (Cell c : cells) {
            for (String k : c.keyColumns()) {
                if (!cols.contains(k)) {
                    cols.add(k);
                }
            }
        }
        cols.addAll(e.metricColumns());
        cols.addAll(RUN_INFO_COLUMNS);
        return cols;
    }

    /** A table with the new columns holding the old rows (missing cells empty). */
    private static ResultTable migrate(ResultTable old, List<String> columns) {
        ResultTable fresh = ResultTable.withColumns(columns);
        if (old == null) {
            return fresh;
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (ResultTable.Row r : old.rows()) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String c : columns) {
                m.put(c, old.columns().contains(c) ? r.get(c) : "");
            }
            rows.add(m);
        }
        return fresh.withRows(rows);
    }

    private ProgressBar progressBar(String name, int total) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(500);
        if (!progress) {
            b.setConsumer(new me.tongfei.progressbar.DelegatingProgressBarConsumer(s -> { }));
        }
        return b.build();
    }

    private static void step(ProgressBar bar) {
        bar.step();
    }

    /** Writes a text file atomically (for callers that assemble reports). */
    static void writeText(Path file, String text) {
        try {
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
