package difflab.experiment;

import difflab.analysis.io.ResultTable;
import difflab.core.Precision;
import difflab.run.Backend;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            assertEquals(List.of("manifest.json", "runs.csv"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        CountingExperiment resumed = new CountingExperiment(-1);
        runner.run(resumed, Scale.QUICK, "java", null, Precision.FP64);
        assertEquals(1, resumed.measured);
        assertEquals(3, ResultTable.readCsv(dir.resolve("runs.csv")).size());
    }

    @Test
    void rerunThatRunsNothingKeepsTheManifestAndEachRowNamesItsRun(@TempDir Path root) throws Exception {
        CountingExperiment first = new CountingExperiment(2);
        assertThrows(IllegalStateException.class, () -> new ExperimentRunner(root, "difflab first", false, false, QUIET)
                .run(first, Scale.QUICK, "java", null, Precision.FP64));
        new ExperimentRunner(root, "difflab second", false, false, QUIET)
                .run(new CountingExperiment(-1), Scale.QUICK, "java", null, Precision.FP64);
        Path dir = root.resolve("counting");
        Path manifestFile = dir.resolve("manifest.json");
        String manifest = Files.readString(manifestFile);

        new ExperimentRunner(root, "difflab third", false, false, QUIET)
                .run(new CountingExperiment(-1), Scale.QUICK, "java", null, Precision.FP64);
        assertEquals(manifest, Files.readString(manifestFile), "a rerun that ran no cell rewrote the manifest");

        ResultTable runs = ResultTable.readCsv(dir.resolve("runs.csv"));
        List<String> ids = runs.rows().stream().map(r -> r.get("run_id")).toList();
        assertEquals(ids.get(0), ids.get(1));
        assertTrue(!ids.get(2).equals(ids.get(0)), "the second run's row names its own run: " + ids);
        Map<String, Object> m = difflab.analysis.io.JsonFiles.readMap(manifestFile);
        List<?> contributing = (List<?>) m.get("runs");
        assertEquals(2, contributing.size(), manifest);
        Map<?, ?> a = (Map<?, ?>) contributing.get(0);
        Map<?, ?> b = (Map<?, ?>) contributing.get(1);
        assertEquals(List.of(ids.get(0), "difflab first", 2, 2), List.of(a.get("run_id"), a.get("command_line"),
                a.get("cells_run"), a.get("rows")));
        assertEquals(List.of(ids.get(2), "difflab second", 1, 1), List.of(b.get("run_id"), b.get("command_line"),
                b.get("cells_run"), b.get("rows")));

        new ExperimentRunner(root, "difflab forced", true, false, QUIET)
                .run(new CountingExperiment(-1), Scale.QUICK, "java", null, Precision.FP64);
        List<?> after = (List<?>) difflab.analysis.io.JsonFiles.readMap(manifestFile).get("runs");
        assertEquals(1, after.size(), "runs whose rows were all replaced no longer contribute");
        assertEquals("difflab forced", ((Map<?, ?>) after.get(0)).get("command_line"));
        String report = Files.readString(new ReportWriter(root).write(List.of("counting")));
        assertTrue(report.contains("*Provenance.* `difflab forced` at commit `"), report);
    }

    @Test
    void legacyManifestStaysUntouchedByANoOpRerunAndBecomesTheLegacyRun(@TempDir Path root) throws Exception {
        CountingExperiment e = new CountingExperiment(-1);
        new ExperimentRunner(root, "difflab old", false, false, QUIET).run(e, Scale.QUICK, "java", null, Precision.FP64);
        Path dir = root.resolve("counting");
        ResultTable runs = ResultTable.readCsv(dir.resolve("runs.csv"));
        List<String> oldColumns = runs.columns().subList(0, runs.columns().size() - 1);
        ResultTable old = ResultTable.withColumns(oldColumns);
        for (ResultTable.Row r : runs.rows()) {
            Map<String, String> row = new java.util.LinkedHashMap<>(r.asMap());
            row.remove("run_id");
            old = old.withRow(row);
        }
        old.writeCsv(dir.resolve("runs.csv"));
        String legacyManifest = "{\"experiment\":\"counting\",\"title\":\"t\",\"claim\":\"c\",\"how_to_read\":\"h\","
                + "\"scale\":\"quick\",\"command_line\":\"difflab reproduce all\",\"git_commit\":\"abc\","
                + "\"backend\":\"java\",\"device\":\"JVM\",\"precision\":\"fp64\",\"cells\":3,\"cells_run\":3,"
                + "\"started\":\"s\",\"finished\":\"f\"}";
        Files.writeString(dir.resolve("manifest.json"), legacyManifest);
        String oldCsv = Files.readString(dir.resolve("runs.csv"));

        new ExperimentRunner(root, "difflab noop", false, false, QUIET).run(e, Scale.QUICK, "java", null, Precision.FP64);
        assertEquals(legacyManifest, Files.readString(dir.resolve("manifest.json")));
        assertEquals(oldCsv, Files.readString(dir.resolve("runs.csv")));
        String report = Files.readString(new ReportWriter(root).write(List.of("counting")));
        assertTrue(report.contains("*Provenance.* `difflab reproduce all` at commit `abc`, backend java (JVM), fp64,"
                + " scale quick, finished f.\n"), report);
    }

    @Test
    void duplicateCellsWithDifferentValuesAndNaNErrorsAreWarnedAndLeftOutOfTheFits(@TempDir Path root)
            throws Exception {
        CountingExperiment e = new CountingExperiment(-1);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        ExperimentRunner runner = new ExperimentRunner(root, "test", false, false, new PrintStream(log, true));
        runner.run(e, Scale.QUICK, "java", null, Precision.FP64);
        Path file = root.resolve("counting").resolve("runs.csv");
        ResultTable runs = ResultTable.readCsv(file);
        Map<String, String> conflicting = new java.util.LinkedHashMap<>(runs.row(0).asMap());
        conflicting.put("error", "0.5");
        Map<String, String> same = new java.util.LinkedHashMap<>(runs.row(1).asMap());
        Map<String, String> nan = new java.util.LinkedHashMap<>(runs.row(2).asMap());
        nan.put("error", "NaN");
        ResultTable edited = ResultTable.withColumns(runs.columns()).withRow(runs.row(0).asMap())
                .withRow(runs.row(1).asMap()).withRow(nan).withRow(conflicting).withRow(same);
        edited.writeCsv(file);

        Analysis analysis = runner.analyse(e, ResultTable.readCsv(file));
        assertEquals(1, e.analysed.size(), "only the cell with steps=2 can be trusted: " + e.analysed);
        assertEquals("2", e.analysed.row(0).get("steps"));
        String warnings = log.toString();
        assertTrue(warnings.contains(file + " lines 2, 5: the same cell (") && warnings.contains("steps=1"), warnings);
        assertTrue(warnings.contains(file + " line 4: error is 'NaN' (") && warnings.contains("steps=3"), warnings);
        assertEquals(2, analysis.findings().size(), analysis.findings().toString());
    }

    @Test
    void aRunThatFailsBeforeItsFirstCellLeavesNoFolder(@TempDir Path root) {
        ExperimentRunner runner = new ExperimentRunner(root.resolve("fresh"), "test", false, false, QUIET);
        assertThrows(IllegalStateException.class, () -> runner.run(new CountingExperiment(0), Scale.QUICK, "java",
                null, Precision.FP64));
        assertTrue(!Files.exists(root.resolve("fresh")), "an empty results folder was left behind");
    }

    @Test
    void unreadableRunsCsvIsAReadErrorNamingTheFileAndLine(@TempDir Path root) throws Exception {
        Path file = root.resolve("counting").resolve("runs.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "a,b\n1,\"2\"x\n");
        java.io.UncheckedIOException bad = assertThrows(java.io.UncheckedIOException.class, () ->
                new ExperimentRunner(root, "test", false, false, QUIET).run(new CountingExperiment(-1), Scale.QUICK,
                        "java", null, Precision.FP64));
        assertTrue(bad.getMessage().startsWith("cannot read earlier results: " + file + ": line 2: "),
                bad.getMessage());
    }

    /** Three cells; measuring the cell with index {@code failAt} throws, as an interruption would. */
    private static final class CountingExperiment implements Experiment {
        final int failAt;
        int measured;
        ResultTable analysed;

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
            analysed = runs;
            return new Analysis(ResultTable.withColumns("none"), List.of(), List.of(), List.of());
        }
    }
}
