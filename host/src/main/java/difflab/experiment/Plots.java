package difflab.experiment;

import difflab.analysis.plot.ConvergencePlot;
import difflab.analysis.report.OrderTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** A Markdown table of measured against nominal rates for one group (the analysis module's {@link OrderTable}). */
    static String orderTable(String caption, String abscissa, List<ConvergenceStudy.FittedSeries> series) {
        List<OrderTable.Entry> entries = new ArrayList<>();
        for (ConvergenceStudy.FittedSeries s : series) {
            entries.add(new OrderTable.Entry(s.sampler(), s.fit()));
        }
        return caption + ":\n\n" + OrderTable.of(entries, abscissa).toMarkdown();
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
