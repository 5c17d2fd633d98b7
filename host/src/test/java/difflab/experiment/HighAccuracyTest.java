package difflab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.analysis.io.ResultTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code high-accuracy} measures and analyses what its report states, on a cheap subset of its quick cells
 * (the fixed-horizon part on the mixture); the end-to-end quick run is timed by hand (README).
 */
class HighAccuracyTest {

    @Test
    void quickCellsAreDistinctAndCoverEveryPart() {
        HighAccuracy e = new HighAccuracy();
        List<Cell> cells = e.cells(Scale.QUICK);
        Set<List<String>> keys = new HashSet<>();
        Set<String> parts = new HashSet<>();
        for (Cell c : cells) {
            assertTrue(keys.add(ResultTable.keyOf(c.asRow(), c.keyColumns())), "duplicate cell " + c);
            parts.add(c.extra(HighAccuracy.PART, ""));
        }
        assertEquals(Set.of(HighAccuracy.END_TO_END, HighAccuracy.FIXED_HORIZON, HighAccuracy.SCORE_ERROR_PART), parts);
        assertTrue(Experiments.ids().contains("high-accuracy"));
    }

    @Test
    void fixedHorizonSubsetFitsExponentialForForsAndNominalOrderForDpmSolver(@TempDir Path plots) {
        HighAccuracy e = new HighAccuracy();
        ResultTable runs = StochasticExperimentsTest.measure(e, c -> HighAccuracy.FIXED_HORIZON.equals(
                c.extra(HighAccuracy.PART, "")) && c.target().equals("gmm")
                && (c.sampler().startsWith("fors") && Double.parseDouble(c.extra(HighAccuracy.TILT_SCALE, "0")) > 0.12
                || c.sampler().equals("dpm-solver-2")));
        for (ResultTable.Row r : runs.rows()) {
            assertTrue(r.getDouble("lost_mass") < HighAccuracy.MASS_TOLERANCE, r.asMap().toString());
        }
        Analysis a = e.analyse(runs, plots);
        String md = String.join("\n", a.reportBlocks());
        assertTrue(md.contains("| dpm-solver-2 | tv | NFE^{-p} | 2.0"), "DPM-Solver-2's TV order is 2:\n" + md);
        assertTrue(md.contains("| fors-rescaled-state | tv | e^{-r·NFE} |"), md);
        assertTrue(Files.exists(plots.resolve("high_accuracy_fixed-horizon_gmm_tv_semilog.png")));
        assertTrue(Files.exists(plots.resolve("high_accuracy_fixed-horizon_gmm_tv_loglog.png")));
        // FORS's clipping error falls by an order of magnitude as the tilt scale halves (0.28 -> 0.14)
        TreeMap<Double, Double> fors = HighAccuracyFindings.series(Tables.where(runs, "sampler", HighAccuracy.FORS_RESCALED),
                "tv_tmin").get(HighAccuracy.FORS_RESCALED);
        assertEquals(2, fors.size());
        assertTrue(fors.lastEntry().getValue() < 0.1 * fors.firstEntry().getValue(), fors.toString());
    }

    @Test
    void polylogExponentAndInterpolationRecoverSyntheticValues() {
        double[] tv = {1e-2, 1e-4, 1e-6, 1e-8};
        double[] nfe = new double[tv.length];
        for (int i = 0; i < tv.length; i++) {
            double l = Math.log(1 / tv[i]);
            nfe[i] = 50 * l * l;
        }
        assertEquals(2.0, HighAccuracyFindings.polylogExponent(nfe, tv), 1e-9);
        TreeMap<Double, Double> s = new TreeMap<>();
        s.put(10.0, 1e-2);
        s.put(1000.0, 1e-6);
        assertEquals(1e-4, HighAccuracyFindings.interpolateLogLog(s, 100.0), 1e-16);
        assertTrue(Double.isNaN(HighAccuracyFindings.interpolateLogLog(s, 5000.0)));
        assertEquals(100.0, HighAccuracyFindings.nfeToReach(s, 1e-4), 1e-9);
        assertEquals(10.0, HighAccuracyFindings.nfeToReach(s, 1e-1), 0.0);
        assertTrue(Double.isNaN(HighAccuracyFindings.nfeToReach(s, 1e-7)));
    }
}
