package difflab.analysis.stats;

import java.util.Arrays;
import java.util.Objects;

/**
 * Total variation distance between the histogram of a sample and exact bin probabilities of the
 * target, on a 1-D or 2-D grid of bins:
 * <pre>
 *   TV̂ = ½ Σ_k |q̂_k − p_k|,    q̂_k = (samples in bin k) / n,
 * </pre>
 * where the sum includes one extra <em>outside</em> cell: samples outside every bin (and non-finite
 * samples, e.g. diverged particles) fall in it, and its exact probability is
 * {@code 1 − Σ_k p_k}. Bins are half-open {@code [e_k, e_{k+1})}, except that the last bin of each
 * axis also holds its right edge.
 *
 * <p><b>Standard error</b> (delta method, no bootstrap): with the signs
 * {@code s_k = sign(q̂_k − p_k)} held fixed, {@code TV̂ = ½ Σ s_k q̂_k − const} is linear in the
 * multinomial frequencies, so
 * <pre>
 *   se(TV̂) = ½ · sqrt( (Σ_k s_k² q̂_k − (Σ_k s_k q̂_k)²) / n )  ≤ 1/(2√n).
 * </pre>
 * It is accurate when {@code TV̂} is well above the noise floor, and conservative near it (where
 * the signs are themselves noise).
 *
 * <p><b>Noise floor:</b> if the samples come from {@code p} exactly, {@code q̂_k − p_k} is about
 * normal with variance {@code p_k(1 − p_k)/n}, so
 * {@code E[TV̂] ≈ ½ Σ_k sqrt(2·p_k(1 − p_k)/(π·n))}. A measured TV near this value is
 * indistinguishable from zero at this {@code n}.
 */
public final class HistogramTv {

    /** Largest amount by which the exact probabilities may sum above 1 (rounding in their computation). */
    public static final double PROBABILITY_SUM_TOLERANCE = 1e-9;

    private HistogramTv() {
    }

    /**
     * TV between the histogram of {@code samples} on {@code binEdges} and the exact probabilities.
     *
     * @param samples                one value per sample, at least one
     * @param binEdges               {@code K + 1} finite, strictly increasing edges
     * @param exactBinProbabilities  {@code K} probabilities in {@code [0, 1]} summing to at most 1
     */
    public static TvEstimate tv1d(double[] samples, double[] binEdges, double[] exactBinProbabilities) {
        Objects.requireNonNull(samples, "samples");
        int bins = requireEdges("binEdges", binEdges);
        Objects.requireNonNull(exactBinProbabilities, "exactBinProbabilities");
        if (exactBinProbabilities.length != bins) {
            throw new IllegalArgumentException("exactBinProbabilities has " + exactBinProbabilities.length
                    + " entries; " + (bins + 1) + " edges make " + bins + " bins");
        }
        long[] counts = new long[bins + 1];
        for (double sample : samples) {
            int bin = binOf(sample, binEdges);
            counts[bin < 0 ? bins : bin]++;
        }
        return estimate(counts, withOutsideCell(exactBinProbabilities, "exactBinProbabilities"), samples.length);
    }

    /**
     * TV between the 2-D histogram of {@code samples} and exact cell probabilities.
     *
     * @param samples                   points {@code [n][2]}: {@code {x, y}}
     * @param xEdges                    {@code Kx + 1} finite, strictly increasing edges
     * @param yEdges                    {@code Ky + 1} finite, strictly increasing edges
     * @param exactCellProbabilities    {@code [Kx][Ky]}: probability of x-bin i and y-bin j, summing
     *                                  to at most 1
     */
    public static TvEstimate tv2d(double[][] samples, double[] xEdges, double[] yEdges,
            double[][] exactCellProbabilities) {
        Objects.requireNonNull(samples, "samples");
        int xBins = requireEdges("xEdges", xEdges);
        int yBins = requireEdges("yEdges", yEdges);
        Objects.requireNonNull(exactCellProbabilities, "exactCellProbabilities");
        if (exactCellProbabilities.length != xBins) {
            throw new IllegalArgumentException("exactCellProbabilities has " + exactCellProbabilities.length
                    + " rows; xEdges make " + xBins + " bins");
        }
        double[] flat = new double[xBins * yBins];
        for (int i = 0; i < xBins; i++) {
            if (exactCellProbabilities[i].length != yBins) {
                throw new IllegalArgumentException("exactCellProbabilities[" + i + "] has "
                        + exactCellProbabilities[i].length + " entries; yEdges make " + yBins + " bins");
            }
            System.arraycopy(exactCellProbabilities[i], 0, flat, i * yBins, yBins);
        }
        long[] counts = new long[flat.length + 1];
        for (int s = 0; s < samples.length; s++) {
            if (samples[s].length != 2) {
                throw new IllegalArgumentException("samples[" + s + "] has " + samples[s].length
                        + " coordinates; a 2-D histogram needs 2");
            }
            int xBin = binOf(samples[s][0], xEdges);
            int yBin = binOf(samples[s][1], yEdges);
            counts[xBin < 0 || yBin < 0 ? flat.length : xBin * yBins + yBin]++;
        }
        return estimate(counts, withOutsideCell(flat, "exactCellProbabilities"), samples.length);
    }

    /** Index of the bin holding {@code value}, or −1 if it is outside every bin or not finite. */
    private static int binOf(double value, double[] edges) {
        int last = edges.length - 1;
        if (!(value >= edges[0] && value <= edges[last])) {
            return -1;
        }
        if (value == edges[last]) {
            return last - 1;
        }
        int found = Arrays.binarySearch(edges, value);
        return found >= 0 ? found : -found - 2;
    }

    /** The cell probabilities followed by the outside cell's {@code max(0, 1 − Σ p)}. */
    private static double[] withOutsideCell(double[] probabilities, String name) {
        double[] cells = Arrays.copyOf(probabilities, probabilities.length + 1);
        double sum = 0;
        for (int k = 0; k < probabilities.length; k++) {
            double p = probabilities[k];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(name + " entry " + k + " = " + p + " is not a probability in [0, 1]");
            }
            sum += p;
        }
        if (sum > 1 + PROBABILITY_SUM_TOLERANCE) {
            throw new IllegalArgumentException(name + " sums to " + sum + "; probabilities may sum to at most 1 (+"
                    + PROBABILITY_SUM_TOLERANCE + ")");
        }
        cells[probabilities.length] = Math.max(0, 1 - sum);
        return cells;
    }

    private static TvEstimate estimate(long[] counts, double[] p, int n) {
        if (n == 0) {
            throw new IllegalArgumentException("samples is empty; at least 1 sample is needed");
        }
        double absoluteSum = 0;
        double signedMass = 0;
        double signedSquareMass = 0;
        double floorSum = 0;
        for (int k = 0; k < p.length; k++) {
            double q = counts[k] / (double) n;
            double sign = Math.signum(q - p[k]);
            absoluteSum += Math.abs(q - p[k]);
            signedMass += sign * q;
            signedSquareMass += sign * sign * q;
            floorSum += Math.sqrt(2 * p[k] * (1 - p[k]) / (Math.PI * n));
        }
        double variance = Math.max(0, signedSquareMass - signedMass * signedMass) / n;
        return new TvEstimate(0.5 * absoluteSum, 0.5 * Math.sqrt(variance), 0.5 * floorSum, n);
    }

    private static int requireEdges(String name, double[] edges) {
        Objects.requireNonNull(edges, name);
        if (edges.length < 2) {
            throw new IllegalArgumentException(name + " has " + edges.length + " entries; at least 2 edges are needed");
        }
        for (int k = 0; k < edges.length; k++) {
            if (!Double.isFinite(edges[k])) {
                throw new IllegalArgumentException(name + "[" + k + "] = " + edges[k] + " is not finite");
            }
            if (k > 0 && edges[k] <= edges[k - 1]) {
                throw new IllegalArgumentException(name + " must be strictly increasing, got " + name + "[" + k + "] = "
                        + edges[k] + " after " + edges[k - 1]);
            }
        }
        return edges.length - 1;
    }
}
