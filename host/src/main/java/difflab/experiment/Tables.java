package difflab.experiment;

import difflab.analysis.io.ResultTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Small table helpers for experiment analyses. */
final class Tables {
    private Tables() {
    }

    /** The rows whose {@code column} equals {@code value}. */
    static ResultTable where(ResultTable table, String column, String value) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (ResultTable.Row r : table.rows()) {
            if (value.equals(r.get(column))) {
                rows.add(r.asMap());
            }
        }
        return ResultTable.withColumns(table.columns()).withRows(rows);
    }

    /** A Markdown table of error by NFE (rows) and sampler (columns), the best of each row in bold. */
    static String bestAt(Map<String, TreeMap<Double, Double>> series, String caption) {
        TreeSet<Double> nfes = new TreeSet<>();
        series.values().forEach(s -> nfes.addAll(s.keySet()));
        StringBuilder sb = new StringBuilder("Error by NFE, " + caption + " (best in bold):\n\n| NFE |");
        series.keySet().forEach(s -> sb.append(' ').append(s).append(" |"));
        sb.append("\n|---|");
        series.keySet().forEach(s -> sb.append("---|"));
        sb.append('\n');
        for (double nfe : nfes) {
            double best = Double.POSITIVE_INFINITY;
            for (TreeMap<Double, Double> s : series.values()) {
                Double v = s.get(nfe);
                if (v != null) {
                    best = Math.min(best, v);
                }
            }
            sb.append("| ").append((long) nfe).append(" |");
            for (TreeMap<Double, Double> s : series.values()) {
                Double v = s.get(nfe);
                String cell = v == null ? "" : String.format(Locale.ROOT, "%.2e", v);
                sb.append(' ').append(v != null && v == best ? "**" + cell + "**" : cell).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
