package difflab.experiment;

import difflab.analysis.io.JsonFiles;
import difflab.analysis.io.ResultTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Combines the {@link Shard} files of an experiment into its runs.csv, then analyses it and writes manifest.json as a
 * whole run does.
 *
 * <p>Every sweep (scale, backend, precision) found under {@code <id>/shards/} at the requested scale is merged. Rows are
 * identified by their cell key; the measured values are the key and metric columns (wall seconds, device and commit
 * may differ between machines). The merge refuses, writing nothing:
 * <ul>
 * <li>conflicting duplicates: the same cell with different measured values in two shard files, or in a shard file and
 * the existing runs.csv (unless {@code replace}: shard rows then replace runs.csv rows);</li>
 * <li>missing cells: a cell of the sweep in no shard file and not already in runs.csv (unless {@code partial}), with
 * the shard that owns it and the command that resumes it;</li>
 * <li>shard files of different shard counts in one sweep, or with other columns than this version writes.</li>
 * </ul>
 * Without a runs.csv, the merged rows are in the experiment's cell order, so runs.csv equals the one a single machine
 * writes in every measured value.
 */
public final class ShardMerge {
    private static final int LISTED = 8;

    private final Path resultsRoot;
    private final String commandLine;
    private final PrintStream log;

    /**
     * @param resultsRoot the results folder the shards were written under
     * @param commandLine the merge's command line, recorded in the manifest
     * @param log         where one-line status messages go
     */
    public ShardMerge(Path resultsRoot, String commandLine, PrintStream log) {
        this.resultsRoot = resultsRoot;
        this.commandLine = commandLine;
        this.log = log;
    }

    /** What a merge wrote. */
    public record Merged(Path runsFile, int shardFiles, int rows, int missingCells) {
    }

    /** A merge that was refused; nothing was written. */
    public static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    /** Whether the experiment has shard files at this scale under the results folder. */
    public boolean hasShards(Experiment experiment, Scale scale) {
        return !sweeps(experiment, scale).isEmpty();
    }

    /**
     * Merges the experiment's shards at this scale into runs.csv and analyses the result.
     *
     * @param partial write the rows present even when cells are missing (they are still reported)
     * @param replace let shard rows replace runs.csv rows with other values instead of refusing
     * @throws IllegalArgumentException when there is no shard at this scale
     * @throws Refused                  on conflicting duplicates, missing cells (unless partial), or unreadable shards
     */
    public Merged merge(Experiment experiment, Scale scale, boolean partial, boolean replace) {
        Path dir = resultsRoot.resolve(experiment.id());
        List<Path> sweeps = sweeps(experiment, scale);
        if (sweeps.isEmpty()) {
            throw new IllegalArgumentException("no shards of " + experiment.id() + " at scale "
                    + scale.name().toLowerCase(Locale.ROOT) + " under " + dir.resolve(Shard.SHARDS_FOLDER)
                    + "; write them with: difflab reproduce " + experiment.id() + " --shard i/n");
        }
        try {
            List<Cell> expected = new ArrayList<>();
            List<Sweep> read = new ArrayList<>();
            for (Path sweep : sweeps) {
                Sweep s = Sweep.read(experiment, scale, sweep);
                read.add(s);
                expected.addAll(s.cells);
            }
            List<String> columns = ExperimentRunner.columns(experiment, expected);
            List<String> keyColumns = Cell.keyColumns(expected);
            List<String> measured = new ArrayList<>(keyColumns);
            measured.addAll(experiment.metricColumns());

            Path runsFile = dir.resolve("runs.csv");
            ResultTable existing = Files.exists(runsFile)
                    ? ExperimentRunner.migrate(ResultTable.readCsv(runsFile), columns,
                    ExperimentRunner.readProvenance(dir.resolve("manifest.json"))) : ResultTable.withColumns(columns);
            Map<List<String>, Sourced> rows = new LinkedHashMap<>();
            List<String> conflicts = new ArrayList<>();
            int files = 0;
            for (Sweep s : read) {
                for (Map.Entry<Shard, Path> f : s.files.entrySet()) {
                    ResultTable table = ResultTable.readCsv(f.getValue());
                    if (!table.columns().equals(columns)) {
                        throw new Refused(experiment.id() + ": " + f.getValue() + " has the columns " + table.columns()
                                + ", this version writes " + columns + "; rerun that shard with --force or delete it");
                    }
                    files++;
                    for (ResultTable.Row r : table.rows()) {
                        Sourced row = new Sourced(r.asMap(), dir.relativize(f.getValue()).toString());
                        Sourced before = rows.putIfAbsent(r.key(keyColumns), row);
                        if (before != null && !before.sameValues(row, measured)) {
                            conflicts.add(before.conflict(row, keyColumns, measured));
                        }
                    }
                }
            }
            Set<List<String>> present = new LinkedHashSet<>(rows.keySet());
            for (ResultTable.Row r : existing.rows()) {
                List<String> key = r.key(keyColumns);
                Sourced shardRow = rows.get(key);
                Sourced old = new Sourced(r.asMap(), "runs.csv");
                if (shardRow != null && !replace && !old.sameValues(shardRow, measured)) {
                    conflicts.add(old.conflict(shardRow, keyColumns, measured));
                }
                present.add(key);
            }
            if (!conflicts.isEmpty()) {
                throw new Refused(experiment.id() + ": " + conflicts.size() + " conflicting duplicate"
                        + (conflicts.size() == 1 ? "" : "s") + " (the same cell with different values); nothing was "
                        + "written. Delete the stale shard file" + (replace ? "" : ", or merge with --replace to let "
                        + "the shards replace runs.csv rows") + ":\n  " + String.join("\n  ", first(conflicts)));
            }
            List<String> missing = new ArrayList<>();
            for (Sweep s : read) {
                missing.addAll(s.missing(present, keyColumns, experiment.id(), scale, resultsRoot));
            }
            int missingCells = 0;
            for (Sweep s : read) {
                missingCells += s.missingCount(present, keyColumns);
            }
            if (missingCells > 0) {
                String report = experiment.id() + ": " + missingCells + " of " + expected.size() + " cells missing:\n  "
                        + String.join("\n  ", missing);
                if (!partial) {
                    throw new Refused(report + "\nNothing was written; rerun those shards (finished cells are kept), "
                            + "or merge with --partial to write the rows present.");
                }
                log.println(report);
            }
            List<Map<String, ?>> ordered = new ArrayList<>();
            Set<List<String>> placed = new LinkedHashSet<>();
            for (Cell c : expected) {
                List<String> key = key(c, keyColumns);
                Sourced row = rows.get(key);
                if (row != null && placed.add(key)) {
                    ordered.add(row.values);
                }
            }
            rows.forEach((key, row) -> {
                if (placed.add(key)) {
                    ordered.add(row.values);
                }
            });
            ResultTable merged = existing.upsert(ordered, keyColumns);
            merged.writeCsv(runsFile);
            ExperimentRunner runner = new ExperimentRunner(resultsRoot, commandLine, false, false, log);
            runner.analyse(experiment, merged);
            Provenance history = ExperimentRunner.readProvenance(dir.resolve("manifest.json"));
            for (Sweep s : read) {
                for (Map<String, Object> p : s.provenance.values()) {
                    history = history.with(RunRecord.fromMap(p));
                }
            }
            Map<String, Object> manifest = manifest(experiment, scale, read, expected.size());
            manifest.put("rows", merged.size());
            manifest.put("runs", history.contributingTo(merged).toManifestList(merged));
            JsonFiles.writeAtomic(dir.resolve("manifest.json"), manifest);
            log.printf("%s: merged %d shard file%s (%d rows) into %s%n", experiment.id(), files, files == 1 ? "" : "s",
                    ordered.size(), runsFile);
            return new Merged(runsFile, files, ordered.size(), missingCells);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge the shards of " + experiment.id() + " under " + dir, e);
        }
    }

    /** The key of a cell's row under these key columns (an extra axis the cell lacks is empty, as in runs.csv). */
    static List<String> key(Cell cell, List<String> keyColumns) {
        Map<String, Object> row = cell.asRow();
        List<String> key = new ArrayList<>(keyColumns.size());
        for (String column : keyColumns) {
            key.add(ResultTable.cell(row.get(column)));
        }
        return List.copyOf(key);
    }

    private List<Path> sweeps(Experiment experiment, Scale scale) {
        Path shards = resultsRoot.resolve(experiment.id()).resolve(Shard.SHARDS_FOLDER);
        if (!Files.isDirectory(shards)) {
            return List.of();
        }
        String prefix = scale.name().toLowerCase(Locale.ROOT) + "-";
        try (Stream<Path> s = Files.list(shards)) {
            return s.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith(prefix)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + shards, e);
        }
    }

    private Map<String, Object> manifest(Experiment experiment, Scale scale, List<Sweep> sweeps, int cells) {
        List<Map<String, Object>> shards = new ArrayList<>();
        int cellsRun = 0;
        Set<String> commits = new LinkedHashSet<>();
        Set<String> backends = new LinkedHashSet<>();
        Set<String> devices = new LinkedHashSet<>();
        Set<String> precisions = new LinkedHashSet<>();
        String started = null;
        String finished = null;
        for (Sweep s : sweeps) {
            backends.add(s.backend);
            precisions.add(s.precision);
            for (Map<String, Object> p : s.provenance.values()) {
                shards.add(p);
                commits.add(String.valueOf(p.get("git_commit")));
                devices.add(String.valueOf(p.get("device")));
                cellsRun += p.get("cells_run") instanceof Number n ? n.intValue() : 0;
                started = earliest(started, p.get("started"));
                finished = latest(finished, p.get("finished"));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", experiment.id());
        m.put("title", experiment.title());
        m.put("claim", experiment.claim());
        m.put("how_to_read", experiment.howToRead());
        m.put("scale", scale.name().toLowerCase(Locale.ROOT));
        m.put("command_line", commandLine);
        m.put("git_commit", String.join(", ", commits));
        m.put("backend", String.join(", ", backends));
        m.put("device", String.join(", ", devices));
        m.put("precision", String.join(", ", precisions));
        m.put("cells", cells);
        m.put("cells_run", cellsRun);
        m.put("started", started);
        m.put("finished", finished);
        m.put("merged", Instant.now().toString());
        m.put("versions", GitInfo.versions());
        m.put("shards", shards);
        return m;
    }

    private static String earliest(String a, Object b) {
        return b == null ? a : a == null || b.toString().compareTo(a) < 0 ? b.toString() : a;
    }

    private static String latest(String a, Object b) {
        return b == null ? a : a == null || b.toString().compareTo(a) > 0 ? b.toString() : a;
    }

    private static List<String> first(List<String> lines) {
        if (lines.size() <= LISTED) {
            return lines;
        }
        List<String> l = new ArrayList<>(lines.subList(0, LISTED));
        l.add("... and " + (lines.size() - LISTED) + " more");
        return l;
    }

    /** One row and the file it came from. */
    private record Sourced(Map<String, String> values, String source) {
        boolean sameValues(Sourced other, List<String> measured) {
            for (String c : measured) {
                if (!values.get(c).equals(other.values.get(c))) {
                    return false;
                }
            }
            return true;
        }

        String conflict(Sourced other, List<String> keyColumns, List<String> measured) {
            Map<String, String> key = new LinkedHashMap<>();
            for (String c : keyColumns) {
                if (!values.get(c).isEmpty()) {
                    key.put(c, values.get(c));
                }
            }
            StringBuilder sb = new StringBuilder("cell " + key + ":");
            for (String c : measured) {
                if (!values.get(c).equals(other.values.get(c))) {
                    sb.append(' ').append(c).append('=').append(values.get(c)).append(" in ").append(source)
                            .append(" but ").append(other.values.get(c)).append(" in ").append(other.source);
                }
            }
            return sb.toString();
        }
    }

    /** The shard files of one sweep folder, the cells they should hold, and their provenance. */
    private static final class Sweep {
        final Path folder;
        final String backend;
        final String precision;
        final int count;
        final List<Cell> cells;
        final Map<Shard, Path> files;
        final Map<Shard, Map<String, Object>> provenance;

        private Sweep(Path folder, String backend, String precision, int count, List<Cell> cells, Map<Shard, Path> files,
                Map<Shard, Map<String, Object>> provenance) {
            this.folder = folder;
            this.backend = backend;
            this.precision = precision;
            this.count = count;
            this.cells = cells;
            this.files = files;
            this.provenance = provenance;
        }

        static Sweep read(Experiment experiment, Scale scale, Path folder) throws IOException {
            String[] parts = folder.getFileName().toString().split("-", 3);
            if (parts.length != 3) {
                throw new Refused(folder + " is not a sweep folder <scale>-<backend>-<precision>; move it away");
            }
            Map<Shard, Path> files = new TreeMap<>(Comparator.comparingInt(Shard::index));
            Set<Integer> counts = new TreeSet<>();
            try (Stream<Path> s = Files.list(folder)) {
                for (Path p : s.toList()) {
                    Shard shard = Shard.ofFileName(p.getFileName().toString());
                    if (shard != null) {
                        files.put(shard, p);
                        counts.add(shard.count());
                    }
                }
            }
            if (counts.size() > 1) {
                throw new Refused(folder + " holds shards of different counts " + counts
                        + "; keep the files of one count (e.g. delete the *-of-N.* files of the older run)");
            }
            int count = counts.isEmpty() ? 1 : counts.iterator().next();
            Map<Shard, Map<String, Object>> provenance = new TreeMap<>(Comparator.comparingInt(Shard::index));
            for (Shard shard : files.keySet()) {
                Path json = shard.provenanceFile(folder);
                if (Files.exists(json)) {
                    provenance.put(shard, JsonFiles.readMap(json));
                }
            }
            List<Cell> cells = new ArrayList<>();
            for (Cell c : experiment.cells(scale)) {
                cells.add(c.on(parts[1], parts[2]));
            }
            return new Sweep(folder, parts[1], parts[2], count, cells, files, provenance);
        }

        int missingCount(Set<List<String>> present, List<String> keyColumns) {
            int n = 0;
            for (Cell c : cells) {
                if (!present.contains(key(c, keyColumns))) {
                    n++;
                }
            }
            return n;
        }

        /** One line per shard with missing cells: how many, why, and the command that resumes it. */
        List<String> missing(Set<List<String>> present, List<String> keyColumns, String id, Scale scale,
                Path resultsRoot) {
            Map<Shard, List<Cell>> byShard = new TreeMap<>(Comparator.comparingInt(Shard::index));
            for (int p = 0; p < cells.size(); p++) {
                Cell c = cells.get(p);
                if (!present.contains(key(c, keyColumns))) {
                    byShard.computeIfAbsent(Shard.owner(p, count), s -> new ArrayList<>()).add(c);
                }
            }
            List<String> lines = new ArrayList<>();
            byShard.forEach((shard, missing) -> {
                String why = !files.containsKey(shard) ? "no file" : !provenance.containsKey(shard)
                        ? "interrupted: rows but no provenance" : "finished without them";
                lines.add(String.format(Locale.ROOT, "%s shard %s: %d cell%s missing (%s), e.g. %s; resume with: "
                        + "difflab reproduce %s%s --backend %s --precision %s --results %s --shard %s",
                        folder.getFileName(), shard, missing.size(), missing.size() == 1 ? "" : "s", why,
                        describe(missing.get(0)), id, scale == Scale.QUICK ? " --quick" : "", backend, precision,
                        resultsRoot.toAbsolutePath(), shard));
            });
            return lines;
        }

        private static String describe(Cell c) {
            Map<String, Object> row = new LinkedHashMap<>(c.asRow());
            row.values().removeIf(v -> v == null || v.toString().isEmpty());
            return row.toString();
        }
    }
}
