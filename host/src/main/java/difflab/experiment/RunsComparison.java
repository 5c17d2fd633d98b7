package difflab.experiment;

import difflab.analysis.io.ResultTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether two runs.csv of one experiment hold the same measurements: the same rows in the same order with equal text in
 * every key and metric column (bit for bit, as written). Wall seconds, device and git commit are where and when a cell
 * ran, and are not compared.
 */
public final class RunsComparison {
    private static final int LISTED = 8;

    private RunsComparison() {
    }

    /** The compared columns of an experiment: the key columns of its cells at every scale, then its metrics. */
    public static List<String> measuredColumns(Experiment experiment) {
        List<Cell> cells = new ArrayList<>(experiment.cells(Scale.QUICK));
        cells.addAll(experiment.cells(Scale.FULL));
        List<String> columns = new ArrayList<>(Cell.keyColumns(cells));
        columns.addAll(experiment.metricColumns());
        return columns;
    }

    /** The differences (at most a few, described), or an empty list when the measurements are equal. */
    public static List<String> differences(Experiment experiment, ResultTable expected, ResultTable actual) {
        List<String> columns = measuredColumns(experiment);
        List<String> diffs = new ArrayList<>();
        for (String c : columns) {
            if (expected.columns().contains(c) != actual.columns().contains(c)) {
                diffs.add("column '" + c + "' is in only one of the tables");
            }
        }
        if (!diffs.isEmpty()) {
            return diffs;
        }
        List<String> shared = columns.stream().filter(expected.columns()::contains).toList();
        if (expected.size() != actual.size()) {
            diffs.add(expected.size() + " rows against " + actual.size());
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()) && diffs.size() < LISTED; i++) {
            List<String> a = expected.row(i).key(shared);
            List<String> b = actual.row(i).key(shared);
            if (!a.equals(b)) {
                diffs.add("row " + (i + 1) + ": " + a + " against " + b);
            }
        }
        return diffs;
    }
}
