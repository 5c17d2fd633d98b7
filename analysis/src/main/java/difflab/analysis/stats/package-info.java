/**
 * Distances and summary statistics used by the experiments, as pure functions over arrays:
 * {@link difflab.analysis.stats.GaussianKl}, {@link difflab.analysis.stats.SlicedWasserstein},
 * {@link difflab.analysis.stats.HistogramTv} and {@link difflab.analysis.stats.MeanStd}. Samples of
 * points are {@code double[n][d]} (row {@code i} is point {@code i}).
 */
package difflab.analysis.stats;
