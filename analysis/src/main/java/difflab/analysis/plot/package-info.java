/**
 * Convergence plots as PNG files (XChart, headless): {@link difflab.analysis.plot.ConvergencePlot}.
 */
package difflab.analysis.plot;
