package difflab.experiment;

import difflab.analysis.io.ResultTable;
import difflab.backend.java.JavaBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stochastic-sampler experiments measure and analyse what their reports state, on subsets of their quick cells
 * (the runner itself is covered by {@code ExperimentRunnerTest}).
 */
class StochasticExperimentsTest {

    @Test
    void ddpmKlRateFitsTSquaredAfterTheLogFactorAndLinearD(@TempDir Path plots) throws Exception {
        DdpmKlRate e = new DdpmKlRate();
        Analysis a = e.analyse(measure(e, c -> c.sampler().equals("ddpm-li")), plots);
        String md = String.join("\n", a.reportBlocks());
        assertTrue(md.contains("| ddpm-li | 2 | 2.0"), "KL/ln²T of ddpm-li should fit slope 2.0x:\n" + md);
        assertTrue(md.contains("ddpm-li on gaussian-iso | 1..256 | 1.0000"), md);
        assertTrue(a.findings().stream().anyMatch(f -> f.contains("no growth like L²")), a.findings().toString());
        assertTrue(a.findings().stream().anyMatch(f -> f.contains("T^-2 rate holds up to the squared log")),
                a.findings().toString());
        assertTrue(Files.exists(plots.resolve("kl_sharpness.png")));
    }

    @Test
    void scoreErrorFloorFindsQuadraticFloorsAndDdimGrowth(@TempDir Path plots) throws Exception {
        ScoreErrorFloor e = new ScoreErrorFloor();
        Analysis a = e.analyse(measure(e, c -> !c.sampler().equals("li-sde")), plots);
        String md = String.join("\n", a.reportBlocks());
        assertTrue(md.contains("| ddpm-li | floor | 1.9") || md.contains("| ddpm-li | floor | 2.0"), md);
        assertTrue(a.findings().stream().anyMatch(f -> f.startsWith("ddim has no error floor")), a.findings().toString());
    }

    @Test
    void li2024SdeMeasuresBothPartsAndReportsTheConstantFactor(@TempDir Path plots) throws Exception {
        Li2024Sde e = new Li2024Sde();
        ResultTable runs = measure(e, c -> !c.sampler().equals("ddpm-ancestral")
                && (!"mc".equals(c.extra("part", "")) || c.steps() == 25));
        for (ResultTable.Row r : Tables.where(runs, "part", "mc").rows()) {
            assertTrue(r.getDouble("tv2") > 3 * r.getDouble("tv2_floor"), "T = 25 is far from converged: " + r.asMap());
        }
        Analysis a = e.analyse(runs, plots);
        assertTrue(a.findings().stream().anyMatch(f -> f.contains("times smaller than ddpm-li's")),
                a.findings().toString());
    }

    /** Measures the experiment's quick cells that pass the filter into a runs table. */
    static ResultTable measure(Experiment e, Predicate<Cell> keep) {
        List<Cell> cells = e.cells(Scale.QUICK).stream().filter(keep).toList();
        List<String> columns = new ArrayList<>(Cell.KEY_COLUMNS);
        for (Cell c : cells) {
            for (String k : c.keyColumns()) {
                if (!columns.contains(k)) {
                    columns.add(k);
                }
            }
        }
        columns.addAll(e.metricColumns());
        List<Map<String, String>> rows = new ArrayList<>();
        JavaBackend backend = new JavaBackend();
        for (Cell c : cells) {
            Map<String, Object> values = new LinkedHashMap<>(c.asRow());
            values.putAll(e.measure(c, backend));
            Map<String, String> row = new LinkedHashMap<>();
            for (String col : columns) {
                row.put(col, values.containsKey(col) ? ResultTable.cell(values.get(col)) : "");
            }
            rows.add(row);
        }
        return ResultTable.withColumns(columns).withRows(rows);
    }
}
