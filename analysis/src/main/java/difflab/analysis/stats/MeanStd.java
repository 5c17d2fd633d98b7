package difflab.analysis.stats;

import java.util.Objects;

/**
 * Mean, sample standard deviation and size of a sample, from which the standard error of the mean
 * follows: {@code mean = (1/n)·Σ x_i}, {@code s² = Σ (x_i − mean)² / (n − 1)} (two passes, so a
 * large common offset does not cancel), {@code se = s/√n}.
 *
 * @param mean               the sample mean
 * @param standardDeviation  the unbiased sample standard deviation {@code s}; NaN when {@code n = 1}
 * @param n                  the sample size, {@code ≥ 1}
 */
public record MeanStd(double mean, double standardDeviation, int n) {

    public MeanStd {
        if (n < 1) {
            throw new IllegalArgumentException("n = " + n + " is not accepted; a sample has at least 1 value");
        }
    }

    /**
     * Summarises {@code sample}.
     *
     * @throws IllegalArgumentException if the sample is empty or holds a non-finite value (named by
     *                                  its index)
     */
    public static MeanStd of(double[] sample) {
        Objects.requireNonNull(sample, "sample");
        if (sample.length == 0) {
            throw new IllegalArgumentException("the sample is empty; at least 1 value is needed");
        }
        double sum = 0;
        for (int i = 0; i < sample.length; i++) {
            if (!Double.isFinite(sample[i])) {
                throw new IllegalArgumentException("sample[" + i + "] = " + sample[i] + " is not finite");
            }
            sum += sample[i];
        }
        double mean = sum / sample.length;
        if (sample.length == 1) {
            return new MeanStd(mean, Double.NaN, 1);
        }
        double squares = 0;
        for (double value : sample) {
            double deviation = value - mean;
            squares += deviation * deviation;
        }
        return new MeanStd(mean, Math.sqrt(squares / (sample.length - 1)), sample.length);
    }

    /** Standard error of the mean, {@code s/√n}; NaN when {@code n = 1}. */
    public double standardError() {
        return standardDeviation / Math.sqrt(n);
    }

    /** The mean with its standard error. */
    public Estimate toEstimate() {
        return new Estimate(mean, standardError());
    }
}
