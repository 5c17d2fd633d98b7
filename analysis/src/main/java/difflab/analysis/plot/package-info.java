/**
 * Convergence figures (JFreeChart, headless): {@link difflab.analysis.plot.Figure} draws small multiples with
 * readable log axes ({@link difflab.analysis.plot.LogTicks}), fixed series styles
 * ({@link difflab.analysis.plot.StyleBook}) and writes PNG, SVG and PDF at paper sizes
 * ({@link difflab.analysis.plot.FigureSize}); {@link difflab.analysis.plot.ConvergencePlot} adds series one by one.
 */
package difflab.analysis.plot;
