package difflab.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class HistogramTvTest {

    private static final double[] EDGES = edges(-3, 3, 20);
    private static final double[] STANDARD_NORMAL = binProbabilities(EDGES, 0.0);

    private static double[] edges(double from, double to, int bins) {
        double[] edges = new double[bins + 1];
        for (int k = 0; k <= bins; k++) {
            edges[k] = from + (to - from) * k / bins;
        }
        return edges;
    }

    /** Exact probabilities of N(mean, 1) in each bin. */
    private static double[] binProbabilities(double[] edges, double mean) {
        NormalDistribution normal = new NormalDistribution(mean, 1.0);
        double[] p = new double[edges.length - 1];
        for (int k = 0; k < p.length; k++) {
            p[k] = normal.cumulativeProbability(edges[k + 1]) - normal.cumulativeProbability(edges[k]);
        }
        return p;
    }

    private static double[] normalSample(int n, double mean, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] sample = new double[n];
        for (int i = 0; i < n; i++) {
            sample[i] = mean + random.nextGaussian();
        }
        return sample;
    }

    /** ½ Σ |q_k − p_k| over the bins and the outside cell, for exact q and p. */
    private static double exactTv(double[] q, double[] p) {
        double sum = 0;
        double outsideQ = 1;
        double outsideP = 1;
        for (int k = 0; k < p.length; k++) {
            sum += Math.abs(q[k] - p[k]);
            outsideQ -= q[k];
            outsideP -= p[k];
        }
        return 0.5 * (sum + Math.abs(outsideQ - outsideP));
    }

    @Test
    void sampleFromTheTargetSitsAtTheNoiseFloor() {
        TvEstimate tv = HistogramTv.tv1d(normalSample(50_000, 0.0, 1), EDGES, STANDARD_NORMAL);

        assertTrue(tv.value() < 0.015, "TV of an exact sample is small: " + tv);
        assertEquals(tv.noiseFloor(), tv.value(), 4 * tv.standardError(), tv.toString());
        assertEquals(50_000, tv.n());
    }

    @Test
    void shiftedSampleMeasuresTheBinnedDistance() {
        double expected = exactTv(binProbabilities(EDGES, 0.3), STANDARD_NORMAL);

        TvEstimate tv = HistogramTv.tv1d(normalSample(50_000, 0.3, 2), EDGES, STANDARD_NORMAL);

        assertTrue(expected > 0.1, "a clearly non-zero distance: " + expected);
        assertEquals(expected, tv.value(), 4 * tv.standardError() + tv.noiseFloor());
    }

    @Test
    void standardErrorMatchesSpreadOverReplicates() {
        int replicates = 200;
        double[] values = new double[replicates];
        double meanReportedError = 0;
        for (int r = 0; r < replicates; r++) {
            TvEstimate tv = HistogramTv.tv1d(normalSample(2000, 0.5, 100 + r), EDGES, STANDARD_NORMAL);
            values[r] = tv.value();
            meanReportedError += tv.standardError() / replicates;
        }
        double observedSpread = MeanStd.of(values).standardDeviation();
        // far from the null the delta method is accurate; 200 replicates estimate the sd to ±5%
        assertEquals(1.0, meanReportedError / observedSpread, 0.2,
                "reported " + meanReportedError + " vs observed " + observedSpread);
    }

    @Test
    void outsideCellAndClosedLastEdge() {
        double[] edges = {0, 1, 2};
        double[] p = {0.25, 0.25}; // half the mass lies outside [0, 2]

        assertEquals(0.0, HistogramTv.tv1d(new double[] {0.5, 1.5, 5, Double.NaN}, edges, p).value(), 0.0);
        assertEquals(0.0, HistogramTv.tv1d(new double[] {0.0, 2.0, -1, 7}, edges, p).value(), 0.0);
        assertEquals(0.5, HistogramTv.tv1d(new double[] {0.5, 0.5, 0.5, 1.5}, edges, p).value(), 0.0);
    }

    @Test
    void twoDimensionalProductDistribution() {
        double[] xEdges = edges(-3, 3, 12);
        double[] yEdges = edges(-3, 3, 10);
        double[] px = binProbabilities(xEdges, 0.0);
        double[] py = binProbabilities(yEdges, 0.0);
        double[] pyShifted = binProbabilities(yEdges, 0.4);
        double[][] exact = new double[px.length][py.length];
        double[] exactFlat = new double[px.length * py.length];
        double[] shiftedFlat = new double[exactFlat.length];
        for (int i = 0; i < px.length; i++) {
            for (int j = 0; j < py.length; j++) {
                exact[i][j] = px[i] * py[j];
                exactFlat[i * py.length + j] = px[i] * py[j];
                shiftedFlat[i * py.length + j] = px[i] * pyShifted[j];
            }
        }
        double[] x = normalSample(50_000, 0.0, 3);
        double[] y = normalSample(50_000, 0.0, 4);
        double[][] same = new double[x.length][];
        double[][] shifted = new double[x.length][];
        for (int s = 0; s < x.length; s++) {
            same[s] = new double[] {x[s], y[s]};
            shifted[s] = new double[] {x[s], y[s] + 0.4};
        }

        TvEstimate atFloor = HistogramTv.tv2d(same, xEdges, yEdges, exact);
        TvEstimate apart = HistogramTv.tv2d(shifted, xEdges, yEdges, exact);

        assertEquals(atFloor.noiseFloor(), atFloor.value(), 4 * atFloor.standardError(), atFloor.toString());
        double expected = exactTv(shiftedFlat, exactFlat);
        assertTrue(expected > 0.15, "a clearly non-zero distance: " + expected);
        assertEquals(expected, apart.value(), 4 * apart.standardError() + apart.noiseFloor(), apart.toString());
    }

    @Test
    void rejectsInvalidProbabilitiesAndEdges() {
        var tooMuch = assertThrows(IllegalArgumentException.class,
                () -> HistogramTv.tv1d(new double[] {0.5}, new double[] {0, 1, 2}, new double[] {0.6, 0.6}));
        assertTrue(tooMuch.getMessage().contains("sums to 1.2"), tooMuch.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> HistogramTv.tv1d(new double[] {0.5}, new double[] {0, 2, 1}, new double[] {0.5, 0.5}));
        assertThrows(IllegalArgumentException.class,
                () -> HistogramTv.tv1d(new double[] {0.5}, new double[] {0, 1}, new double[] {-0.1}));
        assertThrows(IllegalArgumentException.class,
                () -> HistogramTv.tv1d(new double[0], new double[] {0, 1}, new double[] {1}));
    }
}
