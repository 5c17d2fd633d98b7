package difflab.experiment;

import difflab.analysis.io.ResultTable;
import difflab.backend.opencl.OpenClTestSupport;
import difflab.core.Precision;
import difflab.run.Backend;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 2: an experiment runs on the backend it records. Java-only experiments are refused another backend
 * or precision when named and redirected to java when reached through {@code all}; a sampling experiment on opencl
 * really samples there (fp32 values differ from fp64), while its exact cells stay java/fp64.
 */
class ExperimentBackendTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
    /** The experiments that sample nothing (read from their code: exact propagation on the host). */
    static final List<String> JAVA_ONLY = List.of("ddpm-kl-rate", "score-error-floor", "high-accuracy");

    @Test
    void exactlyTheExactPropagationExperimentsAreJavaOnly() {
        List<String> javaOnly = new ArrayList<>();
        for (String id : Experiments.ids()) {
            if (Experiments.byId(id).javaOnlyReason().isPresent()) {
                javaOnly.add(id);
            }
        }
        assertEquals(JAVA_ONLY, javaOnly);
    }

    @Test
    void namedJavaOnlyExperimentRefusesAnotherBackendOrPrecisionNamingOptionAndExperiment() {
        for (String id : JAVA_ONLY) {
            Experiment e = Experiments.byId(id);
            IllegalArgumentException backend = assertThrows(IllegalArgumentException.class,
                    () -> ExperimentBackend.resolve(e, "opencl", null, Precision.FP64, true));
            assertTrue(backend.getMessage().startsWith("--backend opencl: experiment " + id), backend.getMessage());
            IllegalArgumentException precision = assertThrows(IllegalArgumentException.class,
                    () -> ExperimentBackend.resolve(e, "java", null, Precision.FP32, true));
            assertTrue(precision.getMessage().startsWith("--precision fp32: experiment " + id), precision.getMessage());
            ExperimentBackend plain = ExperimentBackend.resolve(e, "java", null, Precision.FP64, true);
            assertEquals("java", plain.backend());
            assertTrue(plain.note().isEmpty());
        }
    }

    @Test
    void javaOnlyExperimentReachedThroughAllRunsOnJavaWithANote() {
        ExperimentBackend b = ExperimentBackend.resolve(Experiments.byId("ddpm-kl-rate"), "cuda", "0", Precision.FP32,
                false);
        assertEquals("java", b.backend());
        assertEquals(Precision.FP64, b.precision());
        assertEquals(null, b.device());
        assertTrue(b.note().orElseThrow().contains("not cuda fp32"), b.note().toString());
        ExperimentBackend sampling = ExperimentBackend.resolve(Experiments.byId("ode-orders"), "opencl", "1",
                Precision.FP32, true);
        assertEquals(new ExperimentBackend("opencl", "1", Precision.FP32, Optional.empty()), sampling);
    }

    /** li2024-sde restricted to its first exact cell and its first Monte Carlo cell (fewer particles). */
    static final class SmallLi2024Sde implements Experiment {
        final Li2024Sde inner = new Li2024Sde();

        @Override
        public String id() {
            return "li2024-sde";
        }

        @Override
        public String title() {
            return inner.title();
        }

        @Override
        public String claim() {
            return inner.claim();
        }

        @Override
        public String howToRead() {
            return inner.howToRead();
        }

        @Override
        public List<Cell> cells(Scale scale) {
            List<Cell> all = inner.cells(scale);
            Cell exact = all.stream().filter(c -> !inner.samplesOnBackend(c)).findFirst().orElseThrow();
            Cell mc = all.stream().filter(inner::samplesOnBackend).findFirst().orElseThrow();
            return List.of(exact, new Cell(mc.sampler(), mc.schedule(), mc.grid(), mc.steps(), mc.target(),
                    mc.dimension(), mc.components(), 2000, mc.seed(), mc.precision(), mc.backend(), mc.extra()));
        }

        @Override
        public List<String> metricColumns() {
            return inner.metricColumns();
        }

        @Override
        public boolean samplesOnBackend(Cell cell) {
            return inner.samplesOnBackend(cell);
        }

        @Override
        public Map<String, Object> measure(Cell cell, Backend backend) {
            return inner.measure(cell, backend);
        }

        /** Nothing to fit from two cells. */
        @Override
        public Analysis analyse(ResultTable runs, Path plotsDir) {
            return new Analysis(ResultTable.withColumns(List.of("part")), List.of(), List.of(), List.of());
        }
    }

    @Test
    void openClRunSamplesOnOpenClAndRecordsExactCellsAsJava(@TempDir Path root) throws Exception {
        OpenClTestSupport.requireOpenCl();
        Experiment e = new SmallLi2024Sde();
        new ExperimentRunner(root.resolve("java"), "test", false, false, QUIET).run(e, Scale.QUICK, "java", null,
                Precision.FP64);
        new ExperimentRunner(root.resolve("cl"), "test", false, false, QUIET).run(e, Scale.QUICK, "opencl", null,
                Precision.FP32);
        ResultTable java = ResultTable.readCsv(root.resolve("java/li2024-sde/runs.csv"));
        ResultTable cl = ResultTable.readCsv(root.resolve("cl/li2024-sde/runs.csv"));
        assertEquals(2, cl.size());
        int mcRows = 0;
        for (int i = 0; i < 2; i++) {
            ResultTable.Row j = java.rows().get(i);
            ResultTable.Row c = cl.rows().get(i);
            if ("exact".equals(c.get("part"))) {
                assertEquals("java", c.get("backend"), c.asMap().toString());
                assertEquals("fp64", c.get("precision"), c.asMap().toString());
                assertEquals(j.get("kl"), c.get("kl"));
            } else {
                mcRows++;
                assertEquals("opencl", c.get("backend"), c.asMap().toString());
                assertEquals("fp32", c.get("precision"), c.asMap().toString());
                assertFalse(c.get("device").contains("java"), c.get("device"));
                for (String metric : List.of("sw2", "mean_error")) {
                    double fp64 = j.getDouble(metric);
                    double fp32 = c.getDouble(metric);
                    // single-precision particles: the metric moves, but only in the float digits
                    assertTrue(fp32 != fp64, metric + ": fp32 opencl equals java fp64 (" + fp32 + ")");
                    assertEquals(fp64, fp32, 1e-3 * Math.abs(fp64), metric);
                }
            }
        }
        assertEquals(1, mcRows);
    }
}
