package difflab.analysis.plot;

import difflab.analysis.fit.OrderFitResult;
import difflab.analysis.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * An immutable description of a convergence plot, rendered to PNG with XChart.
 *
 * <p>{@link Axes#LOG_LOG} plots error against NFE (or steps) on logarithmic axes, where
 * {@code error ≈ C·N^(−p)} is a line of slope {@code −p}; {@link Axes#SEMILOG} uses a linear x axis,
 * where {@code error ≈ C·e^(−r·x)} is a line. Each series is drawn with markers and lines; a series
 * given with its fit shows the fitted value and CI half-width in its legend entry, e.g.
 * {@code dpmpp-2m (order 2.01 ± 0.031)}. Reference lines (grey; dashed, dotted, dash-dotted in turn) are
 * {@code y = y0·(x/x0)^(−p)} on log-log and {@code y = y0·e^(−r·(x − x0))} on semilog axes, anchored
 * at the smallest plotted x, {@code x0}, and the geometric mean {@code y0} of the series' errors
 * there, and cut off where they fall below the smallest plotted error.
 *
 * <p>Points with a non-finite or non-positive error (or a non-positive x on log-log axes) cannot
 * be drawn on a log axis and are left out. Rendering is headless: loading this class sets
 * {@code java.awt.headless=true} unless the property was set before; set it yourself if AWT may
 * be initialised earlier.
 */
public final class ConvergencePlot {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The axis scales. */
    public enum Axes {
        /** Logarithmic x and y: power laws are straight lines. */
        LOG_LOG,
        /** Linear x, logarithmic y: exponentials are straight lines. */
        SEMILOG
    }

    /** Default image width in pixels. */
    public static final int DEFAULT_WIDTH = 900;
    /** Default image height in pixels. */
    public static final int DEFAULT_HEIGHT = 650;

    private static final Color REFERENCE_COLOR = Color.GRAY;
    private static final Color GRID_COLOR = new Color(225, 225, 225);
    private static final BasicStroke GRID_STROKE = new BasicStroke(0.5f);
    private static final BasicStroke[] REFERENCE_STROKES = {SeriesLines.DASH_DASH, SeriesLines.DOT_DOT,
        SeriesLines.DASH_DOT};

    private record Series(String name, double[] x, double[] error, OrderFitResult fit) {
    }

    private final Axes axes;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series;
    private final double[] referenceSlopes;
    private final int width;
    private final int height;

    private ConvergencePlot(Axes axes, String title, String xLabel, String yLabel, List<Series> series,
            double[] referenceSlopes, int width, int height) {
        this.axes = axes;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.series = series;
        this.referenceSlopes = referenceSlopes;
        this.width = width;
        this.height = height;
    }

    /** An empty log-log plot. */
    public static ConvergencePlot logLog(String title, String xLabel, String yLabel) {
        return new ConvergencePlot(Axes.LOG_LOG, Objects.requireNonNull(title, "title"),
                Objects.requireNonNull(xLabel, "xLabel"), Objects.requireNonNull(yLabel, "yLabel"), List.of(),
                new double[0], DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** An empty semilog plot (linear x, logarithmic y). */
    public static ConvergencePlot semilog(String title, String xLabel, String yLabel) {
        return new ConvergencePlot(Axes.SEMILOG, Objects.requireNonNull(title, "title"),
                Objects.requireNonNull(xLabel, "xLabel"), Objects.requireNonNull(yLabel, "yLabel"), List.of(),
                new double[0], DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** This plot with one more series and no fit in its legend. */
    public ConvergencePlot series(String name, double[] x, double[] error) {
        return withSeries(name, x, error, null);
    }

    /** This plot with one more series whose legend shows {@code fit}'s order (or rate) and CI half-width. */
    public ConvergencePlot series(String name, double[] x, double[] error, OrderFitResult fit) {
        return withSeries(name, x, error, Objects.requireNonNull(fit, "fit"));
    }

    /**
     * This plot with dashed reference lines: orders {@code p} (lines {@code ∝ x^(−p)}) on log-log
     * axes, rates {@code r} (lines {@code ∝ e^(−r·x)}) on semilog axes; each must be finite and
     * {@code > 0}.
     */
    public ConvergencePlot referenceSlopes(double... slopes) {
        if (Arrays.stream(slopes).distinct().count() != slopes.length) {
            throw new IllegalArgumentException("reference slopes " + Arrays.toString(slopes) + " repeat a value; "
                    + "give each slope once");
        }
        for (double slope : slopes) {
            if (!(slope > 0) || Double.isInfinite(slope)) {
                throw new IllegalArgumentException("reference slope " + slope + " is not accepted; it must be finite "
                        + "and > 0 (the line falls as x grows)");
            }
        }
        return new ConvergencePlot(axes, title, xLabel, yLabel, series, slopes.clone(), width, height);
    }

    /** This plot at another size, in pixels (each at least 100). */
    public ConvergencePlot size(int widthPixels, int heightPixels) {
        if (widthPixels < 100 || heightPixels < 100) {
            throw new IllegalArgumentException("size " + widthPixels + "x" + heightPixels
                    + " is not accepted; width and height must be >= 100 pixels");
        }
        return new ConvergencePlot(axes, title, xLabel, yLabel, series, referenceSlopes, widthPixels, heightPixels);
    }

    /** The PNG bytes of the rendered plot. */
    public byte[] toPng() throws IOException {
        return BitmapEncoder.getBitmapBytes(render(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Renders the plot and writes it to {@code target} atomically (see {@link AtomicFiles}). */
    public void writePng(Path target) throws IOException {
        AtomicFiles.writeBytes(target, toPng());
    }

    /** The legend entry of a series: its name, then the fitted value and CI half-width if known. */
    static String legendLabel(String name, OrderFitResult fit) {
        if (fit == null) {
            return name;
        }
        String quantity = fit.model().quantity();
        if (Double.isNaN(fit.order())) {
            return name + " (" + quantity + " n/a)";
        }
        String value = String.format(Locale.ROOT, "%.3g", fit.order());
        if (Double.isNaN(fit.halfWidth())) {
            return name + " (" + quantity + " " + value + ")";
        }
        return name + " (" + quantity + " " + value + " ± " + String.format(Locale.ROOT, "%.2g", fit.halfWidth()) + ")";
    }

    /**
     * The two end points {@code {{x0, x1}, {y0, y1}}} of the reference line for {@code slope}
     * through {@code (x0, y0)}, ending at {@code xMax} or where it reaches {@code yMin}, whichever
     * comes first.
     */
    static double[][] referenceLine(Axes axes, double slope, double x0, double y0, double xMax, double yMin) {
        double drop = Math.log(y0 / Math.max(yMin, Double.MIN_NORMAL));
        double x1 = axes == Axes.LOG_LOG ? Math.min(xMax, x0 * Math.exp(drop / slope)) : Math.min(xMax, x0 + drop / slope);
        double y1 = axes == Axes.LOG_LOG ? y0 * Math.pow(x1 / x0, -slope) : y0 * Math.exp(-slope * (x1 - x0));
        return new double[][] {{x0, x1}, {y0, y1}};
    }

    private ConvergencePlot withSeries(String name, double[] x, double[] error, OrderFitResult fit) {
        Objects.requireNonNull(name, "name");
        if (x.length != error.length) {
            throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " values, error has "
                    + error.length);
        }
        for (Series existing : series) {
            if (existing.name().equals(name)) {
                throw new IllegalArgumentException("series name '" + name + "' is already used in this plot");
            }
        }
        List<Series> more = new ArrayList<>(series);
        more.add(plottable(name, x, error, fit));
        return new ConvergencePlot(axes, title, xLabel, yLabel, List.copyOf(more), referenceSlopes, width, height);
    }

    private Series plottable(String name, double[] x, double[] error, OrderFitResult fit) {
        double[] keptX = new double[x.length];
        double[] keptError = new double[x.length];
        int kept = 0;
        for (int i = 0; i < x.length; i++) {
            boolean drawableX = Double.isFinite(x[i]) && (axes == Axes.SEMILOG || x[i] > 0);
            if (drawableX && Double.isFinite(error[i]) && error[i] > 0) {
                keptX[kept] = x[i];
                keptError[kept] = error[i];
                kept++;
            }
        }
        if (kept == 0) {
            throw new IllegalArgumentException("series '" + name + "' has no point that can be drawn on " + axes
                    + " axes (errors must be finite and > 0" + (axes == Axes.LOG_LOG ? ", x > 0" : "") + ")");
        }
        return new Series(name, Arrays.copyOf(keptX, kept), Arrays.copyOf(keptError, kept), fit);
    }

    private XYChart render() {
        if (series.isEmpty()) {
            throw new IllegalStateException("the plot '" + title + "' has no series; add one with series(...)");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setXAxisLogarithmic(axes == Axes.LOG_LOG).setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true).setYAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setPlotGridLinesColor(GRID_COLOR).setPlotGridLinesStroke(GRID_STROKE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        for (Series s : series) {
            chart.addSeries(legendLabel(s.name(), s.fit()), s.x(), s.error());
        }
        addReferenceLines(chart);
        return chart;
    }

    private void addReferenceLines(XYChart chart) {
        if (referenceSlopes.length == 0) {
            return;
        }
        double x0 = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        for (Series s : series) {
            x0 = Math.min(x0, Arrays.stream(s.x()).min().orElseThrow());
            xMax = Math.max(xMax, Arrays.stream(s.x()).max().orElseThrow());
            yMin = Math.min(yMin, Arrays.stream(s.error()).min().orElseThrow());
        }
        double logSum = 0;
        int atX0 = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (s.x()[i] == x0) {
                    logSum += Math.log(s.error()[i]);
                    atX0++;
                }
            }
        }
        double y0 = Math.exp(logSum / atX0);
        for (int k = 0; k < referenceSlopes.length; k++) {
            double[][] line = referenceLine(axes, referenceSlopes[k], x0, y0, xMax, yMin);
            XYSeries reference = chart.addSeries(referenceLabel(referenceSlopes[k]), line[0], line[1]);
            reference.setMarker(SeriesMarkers.NONE);
            reference.setLineStyle(REFERENCE_STROKES[k % REFERENCE_STROKES.length]);
            reference.setLineColor(REFERENCE_COLOR);
        }
    }

    private String referenceLabel(double slope) {
        String value = slope == Math.rint(slope) ? String.valueOf((long) slope) : String.format(Locale.ROOT, "%.3g", slope);
        return axes == Axes.LOG_LOG ? "reference N^-" + value : "reference e^(-" + value + " x)";
    }
}
