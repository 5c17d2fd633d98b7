package difflab.experiment;

import difflab.analysis.fit.OrderFitResult;
import difflab.analysis.plot.ConvergencePlot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The experiments' figures and order tables, drawn with the analysis module. */
final class Plots {
    /** Reference slopes drawn on convergence plots. */
    static final double[] REFERENCE_SLOPES = {1, 2, 3};

    private Plots() {
    }

    /** A log-log plot of fitted series with reference slopes; returns the file name. */
    static String convergence(Path dir, String name, String title, String xLabel, String rateLabel,
            List<ConvergenceStudy.FittedSeries> series) {
        ConvergencePlot plot = ConvergencePlot.logLog(title, xLabel, "error").referenceSlopes(REFERENCE_SLOPES);
        for (ConvergenceStudy.FittedSeries s : series) {
            plot = plot.series(s.sampler(), s.x(), s.y(), s.fit());
        }
        return write(dir, name, plot);
    }

    /** A log-log plot of plain error series (no fit); returns the file name. */
    static String errorPlot(Path dir, String name, String title, String xLabel, String yLabel,
            Map<String, TreeMap<Double, Double>> series) {
        ConvergencePlot plot = ConvergencePlot.logLog(title, xLabel, yLabel);
        for (Map.Entry<String, TreeMap<Double, Double>> e : series.entrySet()) {
            plot = plot.series(e.getKey(), e.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                    e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray());
        }
        return write(dir, name, plot);
    }

    /** A Markdown table of measured against nominal rates for one group. */
    static String orderTable(String caption, List<ConvergenceStudy.FittedSeries> series) {
        StringBuilder sb = new StringBuilder(caption + ":\n\n| sampler | nominal | measured | 95% CI | R² | window | verdict |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (ConvergenceStudy.FittedSeries s : series) {
            OrderFitResult f = s.fit();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | [%.2f, %.2f] | %.4f | %s–%s | %s |%n", s.sampler(),
                    ConvergenceStudy.trim(f.nominal()), f.order(), f.ciLower(), f.ciUpper(), f.rSquared(),
                    ConvergenceStudy.trim(f.window().firstX()), ConvergenceStudy.trim(f.window().lastX()), f.verdict()));
        }
        return sb.toString();
    }

    private static String write(Path dir, String name, ConvergencePlot plot) {
        String file = name + ".png";
        try {
            plot.writePng(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + dir.resolve(file), e);
        }
        return file;
    }
}
