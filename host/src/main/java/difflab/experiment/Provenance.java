package difflab.experiment;

import difflab.analysis.io.ResultTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs that produced an experiment's rows: the {@code runs} list of its manifest.json, one {@link RunRecord}
 * per invocation that still has at least one row (with that {@code run_id}) in runs.csv, oldest first, each with
 * the number of rows it holds there. A rerun that runs no cell adds nothing, so the manifest keeps describing the
 * runs that produced the rows.
 *
 * <p>Manifests written before per-run history (run fields at the top level, no {@code runs} list) read as one run
 * with id {@value RunRecord#LEGACY_RUN_ID} and a note saying it describes the last invocation only.
 */
public final class Provenance {
    /** The runs.csv column holding the id of the run that wrote the row. */
    public static final String RUN_ID_COLUMN = "run_id";

    private static final String LEGACY_NOTE = "recorded before per-run history: describes the last invocation, which"
            + " may not have produced every row with run_id " + RunRecord.LEGACY_RUN_ID;

    private final List<RunRecord> runs;

    private Provenance(List<RunRecord> runs) {
        this.runs = List.copyOf(runs);
    }

    /** No runs yet. */
    public static Provenance empty() {
        return new Provenance(List.of());
    }

    /** The runs of a manifest.json read as a map (either layout; an empty map gives no runs). */
    public static Provenance fromManifest(Map<String, ?> manifest) {
        Object list = manifest.get("runs");
        List<RunRecord> runs = new ArrayList<>();
        if (list instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, ?> fields = (Map<String, ?>) m;
                    runs.add(RunRecord.fromMap(fields));
                }
            }
        } else if (manifest.containsKey("command_line")) {
            Map<String, Object> legacy = new LinkedHashMap<>(manifest);
            legacy.put("run_id", RunRecord.LEGACY_RUN_ID);
            legacy.put("note", LEGACY_NOTE);
            runs.add(RunRecord.fromMap(legacy));
        }
        return new Provenance(runs);
    }

    /** The recorded runs, oldest first. */
    public List<RunRecord> runs() {
        return runs;
    }

    /** These runs and then {@code run} (replacing a record with the same id). */
    public Provenance with(RunRecord run) {
        List<RunRecord> all = new ArrayList<>();
        for (RunRecord r : runs) {
            if (!r.runId().equals(run.runId())) {
                all.add(r);
            }
        }
        all.add(run);
        return new Provenance(all);
    }

    /** The runs that hold at least one row of {@code rows} (by its {@value #RUN_ID_COLUMN} column). */
    public Provenance contributingTo(ResultTable rows) {
        Map<String, Integer> counts = rowsPerRun(rows);
        return new Provenance(runs.stream().filter(r -> counts.containsKey(r.runId())).toList());
    }

    /** The manifest's {@code runs} list: each run's fields and {@code rows}, its row count in {@code table}. */
    public List<Map<String, Object>> toManifestList(ResultTable table) {
        Map<String, Integer> counts = rowsPerRun(table);
        List<Map<String, Object>> list = new ArrayList<>();
        for (RunRecord r : runs) {
            Map<String, Object> m = r.toMap();
            m.put("rows", counts.getOrDefault(r.runId(), 0));
            list.add(m);
        }
        return list;
    }

    /** Row count per run id (rows without the column, or with an empty id, are not counted). */
    public static Map<String, Integer> rowsPerRun(ResultTable table) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (table == null || !table.columns().contains(RUN_ID_COLUMN)) {
            return counts;
        }
        for (ResultTable.Row row : table.rows()) {
            String id = row.get(RUN_ID_COLUMN);
            if (!id.isEmpty()) {
                counts.merge(id, 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * The report's provenance paragraph: for one run, "*Provenance.* `command` at commit `c`, backend b (device),
     * precision, scale s, finished f."; for several, one such line per run with its row count.
     */
    public static String describe(Map<String, ?> manifest) {
        List<RunRecord> runs = fromManifest(manifest).runs;
        if (runs.isEmpty()) {
            return "*Provenance.* No run is recorded in manifest.json.";
        }
        if (runs.size() == 1) {
            return "*Provenance.* " + sentence(runs.get(0)) + ".";
        }
        StringBuilder md = new StringBuilder("*Provenance.* The rows come from " + runs.size() + " runs:\n");
        Object list = manifest.get("runs");
        for (int i = 0; i < runs.size(); i++) {
            Object rows = list instanceof List<?> l && l.get(i) instanceof Map<?, ?> m ? m.get("rows") : null;
            md.append("\n- ").append(sentence(runs.get(i)))
                    .append(rows == null ? "" : " (" + rows + " rows)").append(';');
        }
        md.setLength(md.length() - 1);
        return md.append('.').toString();
    }

    private static String sentence(RunRecord r) {
        return "`" + r.commandLine() + "` at commit `" + r.gitCommit() + "`, backend " + r.backend() + " ("
                + r.device() + "), " + r.precision() + ", scale " + r.scale() + ", finished " + r.finished();
    }
}
