package difflab.experiment;

import difflab.analysis.io.ResultTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Screens runs.csv before an analysis: rows that would be used silently although they cannot be trusted are left
 * out of the fits, each exclusion with a warning that names the file's line (header = line 1, one line per row).
 * <ul>
 * <li>rows with the same cell key (every column but the metrics and the run information): kept once when their
 * metrics agree, all left out when they differ (the table does not say which one is right);</li>
 * <li>rows whose {@linkplain Experiment#requiredMetrics() required metric} is empty, NaN or infinite.</li>
 * </ul>
 *
 * @param kept     the rows the analysis may use
 * @param warnings one sentence per exclusion
 */
public record RowScreen(ResultTable kept, List<String> warnings) {
    public RowScreen {
        warnings = List.copyOf(warnings);
    }

    /** Screens {@code runs} (read from {@code file}) for {@code experiment}. */
    public static RowScreen of(ResultTable runs, Experiment experiment, String file) {
        List<String> metrics = experiment.metricColumns().stream().filter(runs.columns()::contains).toList();
        List<String> key = runs.columns().stream()
                .filter(c -> !metrics.contains(c) && !ExperimentRunner.RUN_INFO_COLUMNS.contains(c)).toList();
        List<String> required = experiment.requiredMetrics().stream().filter(runs.columns()::contains).toList();
        List<ResultTable.Row> rows = runs.rows();
        Map<List<String>, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byKey.computeIfAbsent(rows.get(i).key(key), k -> new ArrayList<>()).add(i);
        }
        List<String> warnings = new ArrayList<>();
        List<Map<String, String>> kept = new ArrayList<>();
        for (Map.Entry<List<String>, List<Integer>> group : byKey.entrySet()) {
            List<Integer> indices = group.getValue();
            ResultTable.Row first = rows.get(indices.get(0));
            boolean conflict = indices.stream().anyMatch(i -> !rows.get(i).key(metrics).equals(first.key(metrics)));
            if (conflict) {
                warnings.add(file + " lines " + lines(indices) + ": the same cell (" + describe(first, key)
                        + ") holds different " + String.join("/", metrics) + " values; left out of the fits");
                continue;
            }
            String bad = required.stream().filter(m -> !finite(first.get(m))).findFirst().orElse(null);
            if (bad != null) {
                warnings.add(file + " line " + (indices.get(0) + 2) + ": " + bad + " is '" + first.get(bad) + "' ("
                        + describe(first, key) + "); left out of the fits");
                continue;
            }
            kept.add(first.asMap());
        }
        return new RowScreen(ResultTable.withColumns(runs.columns()).withRows(kept), warnings);
    }

    private static boolean finite(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException notNumber) {
            return false;
        }
    }

    private static String lines(List<Integer> indices) {
        return String.join(", ", indices.stream().map(i -> String.valueOf(i + 2)).toList());
    }

    /** The key cells that identify a cell to a reader: the non-empty ones, as name=value. */
    private static String describe(ResultTable.Row row, List<String> key) {
        List<String> parts = new ArrayList<>();
        for (String c : key) {
            if (!row.get(c).isEmpty()) {
                parts.add(c + "=" + row.get(c));
            }
        }
        return String.join(" ", parts);
    }
}
