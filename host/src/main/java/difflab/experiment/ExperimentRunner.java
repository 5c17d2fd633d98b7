package difflab.experiment;

import difflab.analysis.io.AtomicFiles;
import difflab.analysis.io.JsonFiles;
import difflab.analysis.io.ResultTable;
import difflab.backend.registry.Backends;
import difflab.core.Precision;
import difflab.run.Backend;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Runs an experiment's cells into {@code <results>/<id>/} and analyses them:
 * <ul>
 * <li>{@code runs.csv}: one row per cell (all cell fields, metrics, wall seconds, device, git commit and the id of
 * the run that wrote it), rewritten
 * atomically after every cell, so an interrupted run keeps every finished cell and no half-written file;</li>
 * <li>a rerun skips cells already in runs.csv unless {@code force};</li>
 * <li>{@code fits.csv}, {@code plots/*.png}, {@code analysis.json} and {@code manifest.json} (the claim and
 * {@link Provenance}: per contributing run its command line, git commit, backend, device, precision, versions,
 * start, finish and row count) after the cells.</li>
 * </ul>
 */
public final class ExperimentRunner {
    /** Columns every runs.csv has after the cell key columns and the metrics. */
    public static final List<String> RUN_INFO_COLUMNS = List.of("wall_seconds", "device", "git_commit",
            Provenance.RUN_ID_COLUMN);

    /** The finding of an analysis that had no usable row (so that no report says every rate agrees). */
    public static final String NO_ROWS_FINDING = "No usable row in runs.csv: nothing was fitted.";

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
     * analyses it. The experiment's folder is created by the first finished cell, so a run that fails before any
     * cell leaves no folder behind. manifest.json is rewritten after each cell this run finishes (never by a rerun
     * that runs nothing), so it keeps describing the runs that produced the rows.
     *
     * @throws UncheckedIOException naming the file, line and problem when runs.csv cannot be read, or the file
     *                              when results cannot be written
     */
    public Analysis run(Experiment experiment, Scale scale, String backendId, String device, Precision precision) {
        return run(experiment, scale, backendId, device, precision, Shard.WHOLE);
    }

    /**
     * Runs one {@link Shard} of the experiment. A shard other than {@link Shard#WHOLE} writes its rows and its
     * provenance to its own files under {@code <id>/shards/} (see {@link Shard}) instead of runs.csv and
     * manifest.json, and is not analysed (returns null): {@link ShardMerge} combines the shards.
     */
    public Analysis run(Experiment experiment, Scale scale, String backendId, String device, Precision precision,
            Shard shard) {
        Path dir = folder(experiment);
        Path sweep = Shard.sweepFolder(dir, scale, backendId, precision.id());
        Path runsFile = shard.isWhole() ? dir.resolve("runs.csv") : shard.runsFile(sweep);
        Path manifestFile = dir.resolve("manifest.json");
        List<Cell> allCells = new ArrayList<>();
        for (Cell c : experiment.cells(scale)) {
            allCells.add(experiment.samplesOnBackend(c) ? c.on(backendId, precision.id()) : c);
        }
        List<Cell> cells = shard.select(allCells);
        ResultTable runs = readRuns(runsFile);
        Provenance history = readProvenance(manifestFile);
        List<String> columns = columns(experiment, allCells);
        if (runs == null || !runs.columns().equals(columns)) {
            runs = migrate(runs, columns, history);
        }
        String commit = GitInfo.commit();
        int done = 0;
        int skipped = 0;
        Instant started = Instant.now();
        String deviceName;
        RunRecord record;
        try (Backend backend = Backends.create(backendId, device, precision);
             ProgressBar bar = progressBar(experiment.id(), cells.size())) {
            deviceName = backend.device();
            record = RunRecord.starting(commandLine, commit, backendId, deviceName, precision.id(),
                    scale.name().toLowerCase(Locale.ROOT), started, GitInfo.versions());
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
                row.put(Provenance.RUN_ID_COLUMN, record.runId());
                runs = runs.upsert(List.of(row), cell.keyColumns());
                if (!shard.isWhole()) {
                    write(runsFile.getParent(), Files::createDirectories);
                }
                write(runsFile, runs::writeCsv);
                done++;
                if (shard.isWhole()) {
                    writeManifest(manifestFile, experiment, cells.size(), runs,
                            history.with(record.finishedAt(Instant.now(), done)));
                }
                step(bar);
            }
        }
        log.printf("%s%s: %d cells run, %d already present%s%n", experiment.id(),
                shard.isWhole() ? "" : " shard " + shard, done, skipped, force ? "" : " (use --force to rerun)");
        if (!shard.isWhole()) {
            writeShardProvenance(shard.provenanceFile(sweep), experiment, scale, shard, commit, backendId,
                    deviceName, precision, cells.size(), done, started, record);
            return null;
        }
        Analysis analysis;
        try {
            analysis = analyse(experiment, runs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the analysis of " + experiment.id() + " under " + dir
                    + ": " + e.getMessage(), e);
        }
        if (!Files.exists(manifestFile)) {
            writeManifest(manifestFile, experiment, cells.size(), runs, history);
        }
        return analysis;
    }

    /** The provenance of one shard run, beside its rows (merged into manifest.json by {@link ShardMerge}). */
    private void writeShardProvenance(Path file, Experiment experiment, Scale scale, Shard shard, String commit,
            String backendId, String deviceName, Precision precision, int cells, int done, Instant started,
            RunRecord record) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("experiment", experiment.id());
        manifest.put("title", experiment.title());
        manifest.put("claim", experiment.claim());
        manifest.put("how_to_read", experiment.howToRead());
        manifest.put("scale", scale.name().toLowerCase(Locale.ROOT));
        manifest.put("command_line", commandLine);
        manifest.put("run_id", record.runId());
        manifest.put("git_commit", commit);
        manifest.put("backend", backendId);
        manifest.put("device", deviceName);
        manifest.put("precision", precision.id());
        manifest.put("cells", cells);
        manifest.put("cells_run", done);
        manifest.put("started", started.toString());
        manifest.put("finished", Instant.now().toString());
        manifest.put("versions", GitInfo.versions());
        manifest.putAll(shard.provenance());
        write(file.getParent(), Files::createDirectories);
        write(file, f -> JsonFiles.writeAtomic(f, manifest));
    }

    /**
     * Re-analyses an experiment from its runs.csv alone (no sampling): rewrites fits.csv, the plots and the
     * analysis part of the report, which {@link ReportWriter} reads. Rows that cannot be trusted are left out
     * first ({@link RowScreen}); each exclusion is logged as a warning and listed among the findings, as is an
     * analysis without any usable row.
     */
    public Analysis analyse(Experiment experiment, ResultTable runs) throws IOException {
        Path dir = folder(experiment);
        RowScreen screen = RowScreen.of(runs, experiment, dir.resolve("runs.csv").toString());
        for (String warning : screen.warnings()) {
            log.println("warning: " + warning);
        }
        Path plots = dir.resolve("plots");
        Files.createDirectories(plots);
        Analysis analysed = experiment.analyse(screen.kept(), plots);
        List<String> findings = new ArrayList<>(screen.warnings());
        if (screen.kept().size() == 0) {
            findings.add(NO_ROWS_FINDING);
        }
        findings.addAll(analysed.findings());
        Analysis analysis = new Analysis(analysed.fits(), analysed.plots(), analysed.reportBlocks(), findings);
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

    /** runs.csv, or null when absent; a file that cannot be read is an error naming it, never a write error. */
    private static ResultTable readRuns(Path file) {
        try {
            return Files.exists(file) ? ResultTable.readCsv(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read earlier results: " + e.getMessage()
                    + " (repair or move the file, then rerun)", e);
        }
    }

    /** The run history of manifest.json (either layout), or none when there is no manifest. */
    static Provenance readProvenance(Path manifest) {
        try {
            return Files.exists(manifest) ? Provenance.fromManifest(JsonFiles.readMap(manifest)) : Provenance.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read earlier results: " + manifest + ": " + e.getMessage()
                    + " (repair or move the file, then rerun)", e);
        }
    }

    /**
     * manifest.json: the experiment, its cell count, the rows in runs.csv and the runs that contributed them. Written
     * after every finished cell, so an interrupted run is described as far as it got.
     */
    private static void writeManifest(Path file, Experiment experiment, int cells, ResultTable runs,
            Provenance history) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("experiment", experiment.id());
        manifest.put("title", experiment.title());
        manifest.put("claim", experiment.claim());
        manifest.put("how_to_read", experiment.howToRead());
        manifest.put("cells", cells);
        manifest.put("rows", runs.size());
        manifest.put("runs", history.contributingTo(runs).toManifestList(runs));
        write(file, f -> JsonFiles.writeAtomic(f, manifest));
    }

    /** A write of one results file. */
    @FunctionalInterface
    private interface FileWrite {
        void to(Path file) throws IOException;
    }

    private static void write(Path file, FileWrite write) {
        try {
            write.to(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static List<String> columns(Experiment e, List<Cell> cells) {
        List<String> cols = new ArrayList<>(Cell.keyColumns(cells));
        cols.addAll(e.metricColumns());
        cols.addAll(RUN_INFO_COLUMNS);
        return cols;
    }

    /**
     * A table with the new columns holding the old rows (missing cells empty; rows written before run ids get the
     * legacy run's id when the manifest describes one).
     */
    static ResultTable migrate(ResultTable old, List<String> columns, Provenance history) {
        boolean legacy = history.runs().stream().anyMatch(r -> r.runId().equals(RunRecord.LEGACY_RUN_ID));
        ResultTable fresh = ResultTable.withColumns(columns);
        if (old == null) {
            return fresh;
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (ResultTable.Row r : old.rows()) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String c : columns) {
                m.put(c, old.columns().contains(c) ? r.get(c)
                        : c.equals(Provenance.RUN_ID_COLUMN) && legacy ? RunRecord.LEGACY_RUN_ID : "");
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
