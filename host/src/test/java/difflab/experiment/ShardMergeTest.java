package difflab.experiment;

import difflab.analysis.io.JsonFiles;
import difflab.analysis.io.ResultTable;
import difflab.core.Precision;
import difflab.run.Backend;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardMergeTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    private static ExperimentRunner runner(Path root) {
        return new ExperimentRunner(root, "test", false, false, QUIET);
    }

    private static void runShards(Experiment e, Path root, int count) {
        for (int i = count; i >= 1; i--) {
            runner(root).run(e, Scale.QUICK, "java", null, Precision.FP64, new Shard(i, count));
        }
    }

    @Test
    void mergedShardsEqualTheSingleMachineRunBitForBit(@TempDir Path tmp) throws Exception {
        Experiment e = new OneSampler(new ScireFewSteps(), "dpmpp-2m");
        Path single = tmp.resolve("single");
        Path sharded = tmp.resolve("sharded");
        runner(single).run(e, Scale.QUICK, "java", null, Precision.FP64);
        runShards(e, sharded, 3);
        Path sweep = Shard.sweepFolder(sharded.resolve(e.id()), Scale.QUICK, "java", "fp64");
        assertFalse(Files.exists(sharded.resolve(e.id()).resolve("runs.csv")), "a shard never writes runs.csv");
        Map<String, Object> provenance = JsonFiles.readMap(new Shard(2, 3).provenanceFile(sweep));
        assertEquals("2/3", provenance.get("shard"));
        assertEquals(7, ResultTable.readCsv(new Shard(1, 3).runsFile(sweep)).size());

        ShardMerge.Merged m = new ShardMerge(sharded, "test merge", QUIET).merge(e, Scale.QUICK, false, false);
        assertEquals(3, m.shardFiles());
        assertEquals(0, m.missingCells());
        ResultTable expected = ResultTable.readCsv(single.resolve(e.id()).resolve("runs.csv"));
        ResultTable actual = ResultTable.readCsv(m.runsFile());
        assertEquals(19, expected.size());
        assertEquals(expected.columns(), actual.columns());
        List<String> measured = RunsComparison.measuredColumns(e);
        assertTrue(measured.contains("error") && measured.contains("lof") && !measured.contains("wall_seconds"));
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.row(i).key(measured), actual.row(i).key(measured), "row " + i);
        }
        assertEquals(List.of(), RunsComparison.differences(e, expected, actual));
        Path dir = sharded.resolve(e.id());
        assertTrue(Files.exists(dir.resolve("fits.csv")) && Files.exists(dir.resolve("analysis.json")));
        Map<String, Object> manifest = JsonFiles.readMap(dir.resolve("manifest.json"));
        assertEquals(3, ((List<?>) manifest.get("shards")).size());
        assertEquals(19, manifest.get("cells_run"));
    }

    @Test
    void comparisonSeesAChangedValueAndIgnoresWallTime(@TempDir Path tmp) throws Exception {
        Fake e = new Fake();
        runner(tmp.resolve("a")).run(e, Scale.QUICK, "java", null, Precision.FP64);
        runner(tmp.resolve("b")).run(e, Scale.QUICK, "java", null, Precision.FP64);
        ResultTable a = ResultTable.readCsv(tmp.resolve("a/fake/runs.csv"));
        ResultTable b = ResultTable.readCsv(tmp.resolve("b/fake/runs.csv"));
        assertNotEquals(a, b, "wall seconds differ");
        assertEquals(List.of(), RunsComparison.differences(e, a, b));
        e.offset = 1e-16; // 1 + 1e-16 rounds to 1; 1/2 + 1e-16 is the next double after 1/2
        runner(tmp.resolve("c")).run(e, Scale.QUICK, "java", null, Precision.FP64);
        ResultTable c = ResultTable.readCsv(tmp.resolve("c/fake/runs.csv"));
        List<String> diffs = RunsComparison.differences(e, a, c);
        assertTrue(diffs.get(0).startsWith("row 2:") && diffs.get(0).contains("0.5000000000000001"), diffs.toString());
    }

    @Test
    void conflictingDuplicatesAreRefusedAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("r");
        Fake e = new Fake();
        runShards(e, root, 2);
        e.offset = 0.5;
        runner(tmp.resolve("other")).run(e, Scale.QUICK, "java", null, Precision.FP64, new Shard(1, 2));
        // shard 1's cells (steps 1 and 3) with other values, appended to shard 2's file
        ResultTable stale = ResultTable.readCsv(new Shard(1, 2).runsFile(
                Shard.sweepFolder(tmp.resolve("other/fake"), Scale.QUICK, "java", "fp64")));
        Path shard2 = new Shard(2, 2).runsFile(Shard.sweepFolder(root.resolve("fake"), Scale.QUICK, "java", "fp64"));
        ResultTable.readCsv(shard2).withRows(stale.rows().stream().map(ResultTable.Row::asMap).toList())
                .writeCsv(shard2);

        ShardMerge merge = new ShardMerge(root, "test", QUIET);
        ShardMerge.Refused r = assertThrows(ShardMerge.Refused.class, () -> merge.merge(e, Scale.QUICK, false, false));
        assertTrue(r.getMessage().contains("2 conflicting duplicates") && r.getMessage().contains("2-of-2.csv")
                && r.getMessage().contains("1-of-2.csv") && r.getMessage().contains("steps=1"), r.getMessage());
        assertFalse(Files.exists(root.resolve("fake/runs.csv")));
    }

    @Test
    void rowsThatDifferFromRunsCsvAreRefusedUnlessReplace(@TempDir Path root) throws Exception {
        Fake e = new Fake();
        e.offset = 0.25;
        runner(root).run(e, Scale.QUICK, "java", null, Precision.FP64);
        Path runs = root.resolve("fake/runs.csv");
        e.offset = 0;
        runShards(e, root, 2);
        ShardMerge merge = new ShardMerge(root, "test", QUIET);
        String before = Files.readString(runs);
        ShardMerge.Refused r = assertThrows(ShardMerge.Refused.class, () -> merge.merge(e, Scale.QUICK, false, false));
        assertTrue(r.getMessage().contains("runs.csv") && r.getMessage().contains("--replace"), r.getMessage());
        assertEquals(before, Files.readString(runs));
        merge.merge(e, Scale.QUICK, false, true);
        ResultTable merged = ResultTable.readCsv(runs);
        assertEquals(4, merged.size());
        assertEquals("1.0", merged.row(0).get("error"));
    }

    @Test
    void missingCellsAreReportedWithTheShardToRerunAndPartialWritesTheRest(@TempDir Path root) throws Exception {
        Fake e = new Fake();
        runner(root).run(e, Scale.QUICK, "java", null, Precision.FP64, new Shard(2, 3));
        e.failAtSteps = 4; // shard 1/3 holds the cells with steps 1 and 4: it stops after its first
        assertThrows(IllegalStateException.class,
                () -> runner(root).run(e, Scale.QUICK, "java", null, Precision.FP64, new Shard(1, 3)));
        ShardMerge merge = new ShardMerge(root, "test", QUIET);
        ShardMerge.Refused r = assertThrows(ShardMerge.Refused.class, () -> merge.merge(e, Scale.QUICK, false, false));
        String m = r.getMessage();
        assertTrue(m.contains("2 of 4 cells missing") && m.contains("shard 1/3: 1 cell missing (interrupted")
                && m.contains("shard 3/3: 1 cell missing (no file)") && m.contains("--quick --backend java --precision "
                + "fp64 --results " + root.toAbsolutePath() + " --shard 3/3"), m);
        assertFalse(Files.exists(root.resolve("fake/runs.csv")));
        ShardMerge.Merged partial = merge.merge(e, Scale.QUICK, true, false);
        assertEquals(2, partial.missingCells());
        assertEquals(2, ResultTable.readCsv(partial.runsFile()).size());

        // resume: the failed task reruns, keeps its finished cells, and the last shard runs
        e.failAtSteps = -1;
        e.measured = 0;
        runner(root).run(e, Scale.QUICK, "java", null, Precision.FP64, new Shard(1, 3));
        assertEquals(1, e.measured, "the rerun of shard 1/3 measures only its missing cell");
        runner(root).run(e, Scale.QUICK, "java", null, Precision.FP64, new Shard(3, 3));
        assertEquals(0, merge.merge(e, Scale.QUICK, false, false).missingCells());
        assertEquals(4, ResultTable.readCsv(root.resolve("fake/runs.csv")).size());
    }

    @Test
    void shardsOfDifferentCountsInOneSweepAreRefused(@TempDir Path root) {
        Fake e = new Fake();
        runShards(e, root, 2);
        runner(root).run(e, Scale.QUICK, "java", null, Precision.FP64, new Shard(1, 3));
        ShardMerge.Refused r = assertThrows(ShardMerge.Refused.class,
                () -> new ShardMerge(root, "test", QUIET).merge(e, Scale.QUICK, false, false));
        assertTrue(r.getMessage().contains("different counts [2, 3]"), r.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ShardMerge(root, "test", QUIET).merge(e, Scale.FULL, false, false));
    }

    /** A real experiment restricted to one sampler's cells (19 cells of scire-few-steps for dpmpp-2m). */
    private record OneSampler(Experiment inner, String sampler) implements Experiment {
        @Override
        public String id() {
            return inner.id();
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
            return inner.cells(scale).stream().filter(c -> c.sampler().equals(sampler)).toList();
        }

        @Override
        public List<String> metricColumns() {
            return inner.metricColumns();
        }

        @Override
        public Map<String, Object> measure(Cell cell, Backend backend) {
            return inner.measure(cell, backend);
        }

        @Override
        public Analysis analyse(ResultTable runs, Path plotsDir) {
            return inner.analyse(runs, plotsDir);
        }
    }

    /** Four cells (one with an extra axis); error = 1/steps + offset; measuring steps == failAtSteps throws. */
    private static final class Fake implements Experiment {
        double offset;
        int failAtSteps = -1;
        int measured;

        @Override
        public String id() {
            return "fake";
        }

        @Override
        public String title() {
            return "fake";
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
                    Cell.of("ddim", "linear-vp", "logsnr", 3, "gaussian", 1, 1, 1, 0),
                    Cell.of("ddim", "linear-vp", "logsnr", 4, "gaussian", 1, 1, 1, 0).with("lof", "off"));
        }

        @Override
        public List<String> metricColumns() {
            return List.of("nfe", "error");
        }

        @Override
        public Map<String, Object> measure(Cell cell, Backend backend) {
            if (cell.steps() == failAtSteps) {
                throw new IllegalStateException("interrupted");
            }
            measured++;
            return Map.of("nfe", cell.steps(), "error", 1.0 / cell.steps() + offset);
        }

        @Override
        public Analysis analyse(ResultTable runs, Path plotsDir) {
            return new Analysis(ResultTable.withColumns("none"), List.of(), List.of(), List.of());
        }
    }
}
