package difflab.analysis.plot;

import difflab.analysis.fit.OrderFitResult;
import difflab.analysis.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A single-group convergence plot, kept for callers that add series one by one: it becomes a {@link Figure} whose
 * series are split into panels of at most {@value Figure#MAX_SERIES_PER_PANEL} in the order they were added.
 *
 * <p>A y axis title starting with "KL" makes the legend call fitted values "KL slope" (KL ≈ error², so the slope
 * is twice the weak order); otherwise power-law fits are "order" and exponential fits "rate". Semilog plots carry
 * a note saying why their x axis is linear.
 */
public final class ConvergencePlot {
    /** The axis scales. */
    public enum Axes {
        /** Logarithmic x and y: power laws are straight lines. */
        LOG_LOG,
        /** Linear x, logarithmic y: exponentials are straight lines. */
        SEMILOG
    }

    /** The note a semilog plot carries. */
    public static final String SEMILOG_NOTE = "linear x axis: an exponential decay e^(−r·x) is a straight line";

    private final Axes axes;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Figure.Series> series;
    private final double[] referenceSlopes;
    private final FigureSize size;
    private final StyleBook styles;

    private ConvergencePlot(Axes axes, String title, String xLabel, String yLabel, List<Figure.Series> series,
            double[] referenceSlopes, FigureSize size, StyleBook styles) {
        this.axes = axes;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.series = List.copyOf(series);
        this.referenceSlopes = referenceSlopes.clone();
        this.size = size;
        this.styles = styles;
    }

    /** An empty log-log plot. */
    public static ConvergencePlot logLog(String title, String xLabel, String yLabel) {
        return new ConvergencePlot(Axes.LOG_LOG, Objects.requireNonNull(title, "title"),
                Objects.requireNonNull(xLabel, "xLabel"), Objects.requireNonNull(yLabel, "yLabel"), List.of(),
                new double[0], FigureSize.DOUBLE, StyleBook.empty());
    }

    /** An empty semilog plot (linear x, logarithmic y). */
    public static ConvergencePlot semilog(String title, String xLabel, String yLabel) {
        return new ConvergencePlot(Axes.SEMILOG, Objects.requireNonNull(title, "title"),
                Objects.requireNonNull(xLabel, "xLabel"), Objects.requireNonNull(yLabel, "yLabel"), List.of(),
                new double[0], FigureSize.DOUBLE, StyleBook.empty());
    }

    /** This plot with one more series and no fit (all markers filled). */
    public ConvergencePlot series(String name, double[] x, double[] error) {
        return withSeries(new Figure.Series(name, x, error));
    }

    /** This plot with one more series whose legend shows {@code fit}'s value and CI half-width. */
    public ConvergencePlot series(String name, double[] x, double[] error, OrderFitResult fit) {
        return withSeries(new Figure.Series(name, x, error, Objects.requireNonNull(fit, "fit")));
    }

    /** This plot with reference triangles for these slopes (see {@link Figure#referenceSlopes}). */
    public ConvergencePlot referenceSlopes(double... slopes) {
        ConvergencePlot next = new ConvergencePlot(axes, title, xLabel, yLabel, series, slopes, size, styles);
        Figure.of(Figure.Axes.LOG_LOG, Figure.Rate.ORDER, "", "x", "y").referenceSlopes(slopes);
        return next;
    }

    /** This plot at another size. */
    public ConvergencePlot size(FigureSize newSize) {
        return new ConvergencePlot(axes, title, xLabel, yLabel, series, referenceSlopes, newSize, styles);
    }

    /** This plot with series styles from {@code book}. */
    public ConvergencePlot styles(StyleBook book) {
        return new ConvergencePlot(axes, title, xLabel, yLabel, series, referenceSlopes, size, book);
    }

    /** The figure this plot draws. */
    public Figure figure() {
        if (series.isEmpty()) {
            throw new IllegalStateException("the plot '" + title + "' has no series; add one with series(...)");
        }
        Figure.Rate rate = yLabel.startsWith("KL") ? Figure.Rate.KL_SLOPE : Figure.Rate.ORDER;
        Figure f = Figure.of(axes == Axes.LOG_LOG ? Figure.Axes.LOG_LOG : Figure.Axes.SEMILOG, rate, title, xLabel,
                yLabel).size(size).styles(styles).referenceSlopes(referenceSlopes);
        if (axes == Axes.SEMILOG) {
            f = f.note(SEMILOG_NOTE);
        }
        int parts = (series.size() + Figure.MAX_SERIES_PER_PANEL - 1) / Figure.MAX_SERIES_PER_PANEL;
        return f.panels(series, name -> parts == 1 ? "" : "series " + (indexOf(name) / Figure.MAX_SERIES_PER_PANEL
                + 1) + " of " + parts);
    }

    /** The PNG bytes of the rendered plot. */
    public byte[] toPng() throws IOException {
        return figure().bytes(FigureFormat.PNG);
    }

    /** Renders the plot as PNG and writes it to {@code target} atomically (see {@link AtomicFiles}). */
    public void writePng(Path target) throws IOException {
        AtomicFiles.writeBytes(target, toPng());
    }

    private int indexOf(String name) {
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private ConvergencePlot withSeries(Figure.Series s) {
        for (Figure.Series existing : series) {
            if (existing.name().equals(s.name())) {
                throw new IllegalArgumentException("series name '" + s.name() + "' is already used in this plot");
            }
        }
        List<Figure.Series> more = new ArrayList<>(series);
        more.add(s);
        return new ConvergencePlot(axes, title, xLabel, yLabel, more, referenceSlopes, size, styles);
    }
}
