/**
 * Empirical convergence rates: least-squares fits of {@code ln(error)} against {@code ln(x)}
 * ({@link difflab.analysis.fit.OrderFit}, algebraic order) or against {@code x}
 * ({@link difflab.analysis.fit.ExponentialRateFit}, exponential rate), over an asymptotic window
 * chosen by a documented rule, with a 95% confidence interval and a
 * {@link difflab.analysis.fit.Verdict} against the nominal value.
 */
package difflab.analysis.fit;
