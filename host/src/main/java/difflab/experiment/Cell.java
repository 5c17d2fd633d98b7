package difflab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One point of an experiment's grid: every axis that identifies a run (ARCHITECTURE "Experiments and results").
 * {@code extra} holds experiment-specific axes (e.g. a score-error size), kept sorted so keys are stable.
 */
public record Cell(String sampler, String schedule, String grid, int steps, String target, int dimension,
        int components, int particles, long seed, String precision, String backend, Map<String, String> extra) {

    /** The fixed key columns, in runs.csv order. */
    public static final List<String> KEY_COLUMNS = List.of("sampler", "schedule", "grid", "steps", "target", "dim",
            "components", "particles", "seed", "precision", "backend");

    public Cell {
        extra = Map.copyOf(new TreeMap<>(extra));
    }

    /** A cell without extra axes. */
    public static Cell of(String sampler, String schedule, String grid, int steps, String target, int dimension,
            int components, int particles, long seed) {
        return new Cell(sampler, schedule, grid, steps, target, dimension, components, particles, seed, "fp64", "java",
                Map.of());
    }

    /** This cell with one more extra axis. */
    public Cell with(String key, Object value) {
        Map<String, String> m = new TreeMap<>(extra);
        m.put(key, String.valueOf(value));
        return new Cell(sampler, schedule, grid, steps, target, dimension, components, particles, seed, precision,
                backend, m);
    }

    /** This cell on another backend and precision. */
    public Cell on(String backendId, String precisionId) {
        return new Cell(sampler, schedule, grid, steps, target, dimension, components, particles, seed, precisionId,
                backendId, extra);
    }

    /** The value of an extra axis, or the default. */
    public String extra(String key, String defaultValue) {
        return extra.getOrDefault(key, defaultValue);
    }

    /** The key columns of this cell: the fixed ones then its extra axes. */
    public List<String> keyColumns() {
        List<String> cols = new ArrayList<>(KEY_COLUMNS);
        cols.addAll(new TreeMap<>(extra).keySet());
        return cols;
    }

    /**
     * The key columns of a list of cells: the fixed ones, then every extra axis in order of first appearance. A cell
     * without one of those extra axes has it empty in runs.csv.
     */
    public static List<String> keyColumns(List<Cell> cells) {
        List<String> cols = new ArrayList<>(KEY_COLUMNS);
        for (Cell c : cells) {
            for (String k : c.keyColumns()) {
                if (!cols.contains(k)) {
                    cols.add(k);
                }
            }
        }
        return cols;
    }

    /** Column → value for runs.csv. */
    public Map<String, Object> asRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sampler", sampler);
        row.put("schedule", schedule);
        row.put("grid", grid);
        row.put("steps", steps);
        row.put("target", target);
        row.put("dim", dimension);
        row.put("components", components);
        row.put("particles", particles);
        row.put("seed", seed);
        row.put("precision", precision);
        row.put("backend", backend);
        new TreeMap<>(extra).forEach(row::put);
        return row;
    }
}
