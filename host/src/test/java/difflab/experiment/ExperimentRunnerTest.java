package difflab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.analysis.io.ResultTable;
import difflab.run.Backend;
import difflab.backend.Precision;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @Test
    void quickOdeOrdersWritesEveryResultFileAndTheReport(@TempDir Path root) throws Exception {
        ExperimentRunner runner = new ExperimentRunner(root, "test", false, false, QUIET);
        Experiment e = Experiments.byId("ode-orders");
        runner.run(e, Scale.QUICK, "java", null, Precision.FP64);
        Path dir = root.resolve("ode-orders");
        ResultTable runs = ResultTable.readCsv(dir.resolve("runs.csv"));
        assertEquals(e.cells(Scale.QUICK).size(), runs.size());
        ResultTable fits = ResultTable.readCsv(dir.resolve("fits.csv"));
        assertTrue(fits.size() > 0);
        for (ResultTable.Row r : fits.rows()) {
            if (r.get("sampler").equals("ddim")) {
                assertEquals(1.0, r.getDouble("order"), 0.1, "DDIM's fitted order on " + r.asMap());
            }
        }
        assertTrue(Files.exists(dir.resolve("manifest.json")));
        try (Stream<Path> plots = Files.list(dir.resolve("plots"))) {
            assertTrue(plots.anyMatch(p -> p.toString().endsWith(".png")));
        }
        Path report = new ReportWriter(root).write(Experiments.ids());
        String md = Files.readString(report);
        assertTrue(md.contains("## ode-orders") && md.contains("| ddim |") && md.contains("](ode-orders/plots/"), md);
    }

    @Test
    void rerunSkipsFinishedCellsUnlessForced(@TempDir Path root) {
        CountingExperiment e = new CountingExperiment(-1);
        new ExperimentRunner(root, "test", false, false, QUIET).run(e, Scale.QUICK, "java", null, Precision.FP64);
        assertEquals(3, e.measured);
        new ExperimentRunner(root, "test", false, false, QUIET).run(e, Scale.QUICK, "java", null, Precision.FP64);
        assertEquals(3, e.measured);
        new ExperimentRunner(root, "test", true, false, QUIET).run(e, Scale.QUICK, "java", null, Precision.FP64);
        assertEquals(6, e.measured);
    }

    @Test
    void interruptedRunKeepsFinishedCellsAndLeavesNoPartialFile(@TempDir Path root) throws Exception {
        CountingExperiment failing = new CountingExperiment(2);
        ExperimentRunner runner = new ExperimentRunner(root, "test", false, false, QUIET);
        assertThrows(IllegalStateException.class, () -> runner.run(failing, Scale.QUICK, "java", null, Precision.FP64));
        Path dir = root.resolve("counting");
        assertEquals(2, ResultTable.readCsv(dir.resolve("runs.csv")).size());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("runs.csv"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        CountingExperiment resumed = new CountingExperiment(-1);
        runner.run(resumed, Scale.QUICK, "java", null, Precision.FP64);
        assertEquals(1, resumed.measured);
        assertEquals(3, ResultTable.readCsv(dir.resolve("runs.csv")).size());
    }

    /** Three cells; measuring the cell with index {@code failAt} throws, as an interruption would. */
    private static final class CountingExperiment implements Experiment {
        final int failAt;
        int measured;

        CountingExperiment(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public String id() {
            return "counting";
        }

        @Override
        public String title() {
            return "counting";
        }

        @Override
        public String claim() {
            return "none";
        }

        @Override
        public String howToRead() {
            return "none";
        }

        @Override
        public List<Cell> cells(Scale scale) {
            return List.of(Cell.of("ddim", "linear-vp", "logsnr", 1, "gaussian", 1, 1, 1, 0),
                    Cell.of("ddim", "linear-vp", "logsnr", 2, "gaussian", 1, 1, 1, 0),
                    Cell.of("ddim", "linear-vp", "logsnr", 3, "gaussian", 1, 1, 1, 0));
        }

        @Override
        public List<String> metricColumns() {
            return List.of("nfe", "error");
        }

        @Override
        public Map<String, Object> measure(Cell cell, Backend backend) {
            if (cell.steps() - 1 == failAt) {
                throw new IllegalStateException("interrupted");
            }
            measured++;
            return Map.of("nfe", cell.steps(), "error", 1.0 / cell.steps());
        }

        @Override
        public Analysis analyse(ResultTable runs, Path plotsDir) {
            return new Analysis(ResultTable.withColumns("none"), List.of(), List.of(), List.of());
        }
    }
}
