package difflab.experiment;

import difflab.analysis.plot.Figure;
import difflab.analysis.plot.FigureFormat;
import difflab.analysis.plot.StyleBook;
import difflab.analysis.report.OrderTable;
import difflab.sampler.registry.SamplerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The experiments' figures and order tables, drawn with the analysis module: panels by sampler family
 * ({@link SamplerFamilies}), one style per sampler id across every figure ({@link #STYLES}), PNG with a PDF beside
 * it ({@link #FORMATS}).
 */
public final class Plots {
    /** Reference slopes drawn where a figure has no nominal orders to show. */
    static final double[] REFERENCE_SLOPES = {1, 2, 3};
    /** The formats every experiment figure is written in; the report links the PNG. */
    public static final List<FigureFormat> FORMATS = List.of(FigureFormat.PNG, FigureFormat.PDF);
    /**
     * One colour and marker per registered sampler id. Ids are numbered family by family (families in registry
     * order), so the members of one panel are neighbours in the book and never share a colour.
     */
    public static final StyleBook STYLES = StyleBook.of(SamplerFamilies.all().stream()
            .flatMap(f -> SamplerFamilies.members(f).stream()).toList());

    private Plots() {
    }

    /** The axis title naming the quantity in a runs.csv column (the column name itself if unknown). */
    public static String quantity(String column) {
        return switch (column) {
            case "error" -> "RMS pathwise error at t₀";
            case "kl" -> "KL(p₀ ‖ p̂₀)";
            case "kl_reverse" -> "KL(p̂₀ ‖ p₀)";
            case "kl_log_corrected" -> "KL(p₀ ‖ p̂₀) / ln²T";
            case "tv1" -> "TV of coordinate 0 (histogram)";
            case "tv2" -> "TV of coordinates 0, 1 (histogram)";
            case "sw2" -> "sliced W₂";
            case "mean_error" -> "error of the sample mean";
            case "cov_error" -> "error of the sample covariance";
            case "nfe" -> "NFE";
            case "steps" -> "steps T";
            case "t_over_log_t" -> "T / ln T";
            default -> column;
        };
    }

    /** Whether a column holds a KL divergence, whose log-log slope is twice the weak order. */
    public static boolean isKl(String column) {
        return column.startsWith("kl");
    }

    /** The nominal rate of a sampler in a column's units: its order, twice its order for a KL column. */
    public static double nominal(String samplerId, String column) {
        return (isKl(column) ? 2 : 1) * Experiments.nominalOrder(samplerId);
    }

    /** A faceted log-log figure of fitted series; returns the PNG file name. */
    static String convergence(Path dir, String name, String title, String xColumn, String yColumn,
            List<ConvergenceStudy.FittedSeries> series) {
        List<Figure.Series> s = new ArrayList<>();
        for (ConvergenceStudy.FittedSeries f : series) {
            s.add(new Figure.Series(f.sampler(), f.x(), f.y(), f.fit()));
        }
        Figure figure = Figure.of(Figure.Axes.LOG_LOG, isKl(yColumn) ? Figure.Rate.KL_SLOPE : Figure.Rate.ORDER, title,
                quantity(xColumn), quantity(yColumn)).styles(STYLES).panels(s, SamplerFamilies::of);
        return write(dir, name, figure);
    }

    /** A log-log figure of plain series (no fit), panels by sampler family where the names are sampler ids. */
    static String errorPlot(Path dir, String name, String title, String xLabel, String yLabel,
            Map<String, TreeMap<Double, Double>> series) {
        List<Figure.Series> s = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, Double>> e : series.entrySet()) {
            s.add(new Figure.Series(e.getKey(), e.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                    e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray()));
        }
        boolean samplers = series.keySet().stream().allMatch(SamplerRegistry.ids()::contains);
        int parts = (s.size() + Figure.MAX_SERIES_PER_PANEL - 1) / Figure.MAX_SERIES_PER_PANEL;
        Figure figure = Figure.of(Figure.Axes.LOG_LOG, yLabel.startsWith("KL") ? Figure.Rate.KL_SLOPE
                : Figure.Rate.ORDER, title, xLabel, yLabel).styles(STYLES)
                .panels(s, samplers ? SamplerFamilies::of : n -> parts == 1 ? "" : "series");
        return write(dir, name, figure);
    }

    /** A Markdown table of measured against nominal rates for one group (the analysis module's {@link OrderTable}). */
    static String orderTable(String caption, String abscissa, List<ConvergenceStudy.FittedSeries> series) {
        List<OrderTable.Entry> entries = new ArrayList<>();
        for (ConvergenceStudy.FittedSeries s : series) {
            entries.add(new OrderTable.Entry(s.sampler(), s.fit()));
        }
        return caption + ":\n\n" + OrderTable.of(entries, abscissa).toMarkdown();
    }

    private static String write(Path dir, String name, Figure figure) {
        try {
            figure.write(dir.resolve(name), FORMATS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + dir.resolve(name), e);
        }
        return name + ".png";
    }
}
