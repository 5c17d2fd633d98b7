package difflab.analysis.stats;

/**
 * Total variation between a histogram of samples and exact bin probabilities.
 *
 * @param value          {@code TV̂ = ½ Σ_k |q̂_k − p_k|}, in {@code [0, 1]}
 * @param standardError  delta-method standard error of {@code TV̂}, see {@link HistogramTv}
 * @param noiseFloor     approximate expected {@code TV̂} when the samples do come from {@code p}:
 *                       values near it measure sampling noise, not a difference of distributions
 * @param n              number of samples
 */
public record TvEstimate(double value, double standardError, double noiseFloor, int n) {
}
