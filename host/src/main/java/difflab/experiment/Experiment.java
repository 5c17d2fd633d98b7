package difflab.experiment;

import difflab.analysis.io.ResultTable;
import difflab.run.Backend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A named, documented experiment: the paper claim it tests, its grid of {@link Cell}s, how one cell is measured,
 * and how the finished runs are analysed into fits, plots and findings (ARCHITECTURE "Experiments and results").
 * Implementations are stateless apart from caches of pure results (e.g. reference solutions).
 */
public interface Experiment {

    /** Stable id: the results folder name and the {@code reproduce} argument. */
    String id();

    /** One-line title. */
    String title();

    /** The claim under test, with its source. */
    String claim();

    /** How to read the experiment's plots. */
    String howToRead();

    /** The cells to run at this scale. */
    List<Cell> cells(Scale scale);

    /** The metric columns {@link #measure} returns, in runs.csv order (always including {@code nfe}). */
    List<String> metricColumns();

    /**
     * The metrics every row must hold as a finite number to enter the fits (see {@link RowScreen}): by default the
     * pathwise {@code error} where the experiment records one. Other metrics may be NaN where they do not apply to
     * a row (a Monte Carlo part has no exact KL) or where a NaN is itself the finding (a diverged sampler).
     */
    default List<String> requiredMetrics() {
        return metricColumns().contains("error") ? List.of("error") : List.of();
    }

    /**
     * Why this experiment runs only on the java backend in fp64, when it does: it samples nothing and computes its
     * values exactly on the host, so another backend or precision would be recorded but never used. Empty (the
     * default) when its cells sample on the backend they are given. {@code reproduce} refuses another backend or
     * precision for such an experiment named explicitly, and runs it on java when it is reached through {@code all}
     * ({@link ExperimentBackend}).
     */
    default Optional<String> javaOnlyReason() {
        return Optional.empty();
    }

    /**
     * Whether this cell samples on the backend it is run with. A cell for which this is false is computed exactly on
     * the host in fp64 and keeps its own backend and precision (java, fp64) in runs.csv whatever the run's backend.
     * Default: every cell samples, unless the experiment is java-only.
     */
    default boolean samplesOnBackend(Cell cell) {
        return javaOnlyReason().isEmpty();
    }

    /** Runs one cell on the backend and returns its metric values (keys = {@link #metricColumns()}). */
    Map<String, Object> measure(Cell cell, Backend backend);

    /**
     * Fits, plots and findings from the runs alone (no sampling), so {@code difflab report} can rebuild everything
     * from results/.
     *
     * @param runs     the experiment's runs.csv
     * @param plotsDir where PNG files go
     */
    Analysis analyse(ResultTable runs, Path plotsDir);
}
