package difflab.experiment;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provenance of one invocation of {@link ExperimentRunner} that wrote rows into an experiment's runs.csv: every
 * row it wrote carries its {@link #runId} in the {@code run_id} column, and the experiment's manifest.json keeps one
 * record per run that still has rows there (see {@link Provenance}).
 *
 * @param runId       unique id: the UTC start time to the second, the process id and the run's number within the
 *                    process, e.g. {@code 20261207T173012Z-4242-1}
 * @param commandLine the command line of the invocation
 * @param gitCommit   the commit of the code ({@code -dirty} if tracked files differed), see {@link GitInfo#commit}
 * @param backend     backend id the cells ran on
 * @param device      the backend's device description
 * @param precision   precision id
 * @param scale       quick or full
 * @param started     when the invocation started this experiment
 * @param finished    when it finished it
 * @param cellsRun    cells this invocation measured (rows it wrote; a later run may have replaced some)
 * @param versions    tool versions (difflab, java, os, processors)
 * @param note        an explanation when the record is incomplete (legacy manifests), else empty
 */
public record RunRecord(String runId, String commandLine, String gitCommit, String backend, String device,
        String precision, String scale, String started, String finished, int cellsRun, Map<String, Object> versions,
        String note) {
    /** The id given to rows and to the one run description of a results folder written before run ids existed. */
    public static final String LEGACY_RUN_ID = "legacy";

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final AtomicInteger RUNS_IN_PROCESS = new AtomicInteger();

    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        if (runId.isEmpty()) {
            throw new IllegalArgumentException("a run id must not be empty");
        }
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        note = note == null ? "" : note;
    }

    /** A fresh run id for an invocation started at {@code started} in this process. */
    public static String newRunId(Instant started) {
        return ID_TIME.format(started) + "-" + ProcessHandle.current().pid() + "-" + RUNS_IN_PROCESS.incrementAndGet();
    }

    /** This record with {@code finished} and {@code cellsRun} set. */
    public RunRecord finishedAt(Instant finishedAt, int cells) {
        return new RunRecord(runId, commandLine, gitCommit, backend, device, precision, scale, started,
                finishedAt.toString(), cells, versions, note);
    }

    /** The manifest.json form (field names in snake case, in declaration order; no note when empty). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("command_line", commandLine);
        m.put("git_commit", gitCommit);
        m.put("backend", backend);
        m.put("device", device);
        m.put("precision", precision);
        m.put("scale", scale);
        m.put("started", started);
        m.put("finished", finished);
        m.put("cells_run", cellsRun);
        m.put("versions", versions);
        if (!note.isEmpty()) {
            m.put("note", note);
        }
        return m;
    }

    /** Reads {@link #toMap()}'s form; absent fields read as empty text (or 0 cells), a missing run id as legacy. */
    static RunRecord fromMap(Map<String, ?> m) {
        Object cells = m.get("cells_run");
        Object versions = m.get("versions");
        @SuppressWarnings("unchecked")
        Map<String, Object> v = versions instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        String id = text(m, "run_id");
        return new RunRecord(id.isEmpty() ? LEGACY_RUN_ID : id, text(m, "command_line"), text(m, "git_commit"),
                text(m, "backend"), text(m, "device"), text(m, "precision"), text(m, "scale"), text(m, "started"),
                text(m, "finished"), cells instanceof Number n ? n.intValue() : 0, v, text(m, "note"));
    }

    /** The record of an invocation starting now (not finished, no cells yet). */
    static RunRecord starting(String commandLine, String gitCommit, String backend, String device, String precision,
            String scale, Instant started, Map<String, Object> versions) {
        return new RunRecord(newRunId(started), commandLine, gitCommit, backend, device, precision, scale,
                started.toString(), "", 0, versions, "");
    }

    private static String text(Map<String, ?> m, String key) {
        Object value = m.get(key);
        return value == null ? "" : value.toString();
    }
}
