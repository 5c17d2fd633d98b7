package difflab.analysis.plot;

import difflab.analysis.fit.OrderFitResult;
import difflab.analysis.io.AtomicFiles;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPolygonAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.LengthConstraintType;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.data.Range;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.Size2D;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * An immutable convergence figure: small multiples (panels) of error against cost, drawn with JFreeChart and
 * written as PNG, SVG or PDF at a paper size.
 *
 * <p>Layout rules (checked by {@code FigureTest} through {@link #layout()}): at most {@value #MAX_SERIES_PER_PANEL}
 * series per panel; each panel's legend sits below its data area, inside the panel, and the panel is made tall
 * enough for it; log axes are labelled by {@link LogTicks} (at least three labels); points inside a series' fitted
 * window are drawn filled, the others hollow; reference triangles show the slopes {@code p} of {@code y ∝ x^(−p)}
 * (log-log) or the rates {@code r} of {@code y ∝ e^(−r·x)} (semilog) with a run of 1 decade (or unit) scaled down
 * to fit; every series keeps the colour and marker its name has in the {@link StyleBook}.
 *
 * <p>Points with a non-finite or non-positive error (or a non-positive x on log-log axes) cannot be drawn and are
 * left out. Rendering is headless: loading this class sets {@code java.awt.headless=true} unless the property was
 * set before.
 */
public final class Figure {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The most series one panel holds. */
    public static final int MAX_SERIES_PER_PANEL = 8;

    /** The axis scales. */
    public enum Axes {
        /** Logarithmic x and y: power laws are straight lines. */
        LOG_LOG,
        /** Linear x, logarithmic y: exponentials are straight lines. */
        SEMILOG
    }

    /** What a series' fitted value is, as its legend entry names it. */
    public enum Rate {
        /** The order p of error ∝ N^(−p). */
        ORDER("order"),
        /** The slope of KL ∝ N^(−s); for a weak order q, s = 2q (KL ≈ error²). */
        KL_SLOPE("KL slope"),
        /** The slope of another quantity's log-log line. */
        SLOPE("slope"),
        /** The rate r of error ∝ e^(−r·N). */
        RATE("rate");

        private final String word;

        Rate(String word) {
            this.word = word;
        }

        /** The word the legend uses. */
        public String word() {
            return word;
        }
    }

    /** One series: its name, points and (optionally) its fit, whose window decides filled against hollow markers. */
    public record Series(String name, double[] x, double[] y, OrderFitResult fit) {
        public Series {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " values, y has "
                        + y.length);
            }
            x = x.clone();
            y = y.clone();
        }

        /** A series without a fit (all markers filled). */
        public Series(String name, double[] x, double[] y) {
            this(name, x, y, null);
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        /** Whether point {@code i} lies in the fitted window (true for every point of a series without a fit). */
        public boolean inWindow(int i) {
            if (fit == null || Double.isNaN(fit.window().firstX())) {
                return fit == null;
            }
            return x[i] >= fit.window().firstX() && x[i] <= fit.window().lastX();
        }
    }

    /** One panel: a title and its series. */
    public record Panel(String title, List<Series> series) {
        public Panel {
            Objects.requireNonNull(title, "title");
            series = List.copyOf(series);
            if (series.isEmpty()) {
                throw new IllegalArgumentException("panel '" + title + "' has no series");
            }
            if (series.size() > MAX_SERIES_PER_PANEL) {
                throw new IllegalArgumentException("panel '" + title + "' has " + series.size() + " series; at most "
                        + MAX_SERIES_PER_PANEL + " fit one panel (split them with Figure.panels)");
            }
        }
    }

    /** Where one panel was drawn, in points from the figure's top-left corner (see {@link #layout()}). */
    public record PanelLayout(String title, Rectangle2D bounds, Rectangle2D dataArea, Rectangle2D legend,
            int series, List<String> xLabels, List<String> yLabels) {
    }

    private static final String FONT = Font.SANS_SERIF;
    private static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 9);
    private static final Font NOTE_FONT = new Font(FONT, Font.ITALIC, 7);
    private static final Font PANEL_TITLE_FONT = new Font(FONT, Font.BOLD, 8);
    private static final Font AXIS_TITLE_FONT = new Font(FONT, Font.PLAIN, 8);
    private static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 7);
    private static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 7);
    private static final Font TRIANGLE_FONT = new Font(FONT, Font.PLAIN, 6);
    private static final Color GUIDE = new Color(0x555555);
    private static final Color GRID = new Color(0xdddddd);
    private static final Color MINOR_GRID = new Color(0xf0f0f0);
    private static final double MARKER_SIZE = 4.5;
    /** Height of a panel's chart band: title, data area and x axis; its legend goes below. */
    private static final double CHART_HEIGHT = 200;
    private static final double LEGEND_GAP = 2;
    private static final double BOTTOM_MARGIN = 6;
    /** Room left of the legend: about the width of the y axis, so legends start under the data area. */
    private static final double LEGEND_INDENT = 48;
    private static final int MAX_TRIANGLES = 3;

    private final String title;
    private final String note;
    private final String xTitle;
    private final String yTitle;
    private final Axes axes;
    private final Rate rate;
    private final List<Panel> panels;
    private final double[] referenceSlopes;
    private final FigureSize size;
    private final StyleBook styles;

    private Figure(String title, String note, String xTitle, String yTitle, Axes axes, Rate rate, List<Panel> panels,
            double[] referenceSlopes, FigureSize size, StyleBook styles) {
        this.title = title;
        this.note = note;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.axes = axes;
        this.rate = rate;
        this.panels = List.copyOf(panels);
        this.referenceSlopes = referenceSlopes.clone();
        this.size = size;
        this.styles = styles;
    }

    /**
     * A figure with no panels yet.
     *
     * @param title  the figure's title ({@code ""} for none)
     * @param xTitle the x axis title, naming the quantity (e.g. "NFE")
     * @param yTitle the y axis title, naming the quantity (e.g. "RMS pathwise error at t₀")
     */
    public static Figure of(Axes axes, Rate rate, String title, String xTitle, String yTitle) {
        return new Figure(Objects.requireNonNull(title, "title"), "", Objects.requireNonNull(xTitle, "xTitle"),
                Objects.requireNonNull(yTitle, "yTitle"), Objects.requireNonNull(axes, "axes"),
                Objects.requireNonNull(rate, "rate"), List.of(), new double[0], FigureSize.DOUBLE, StyleBook.empty());
    }

    /** This figure with one more panel. */
    public Figure panel(Panel panel) {
        List<Panel> more = new ArrayList<>(panels);
        more.add(Objects.requireNonNull(panel, "panel"));
        return new Figure(title, note, xTitle, yTitle, axes, rate, more, referenceSlopes, size, styles);
    }

    /**
     * This figure with panels for {@code series} grouped by {@code family} (in order of first appearance), a family
     * of more than {@value #MAX_SERIES_PER_PANEL} series split into panels titled "family (1/2)" and so on.
     */
    public Figure panels(List<Series> series, Function<String, String> family) {
        Map<String, List<Series>> byFamily = new LinkedHashMap<>();
        for (Series s : series) {
            byFamily.computeIfAbsent(family.apply(s.name()), f -> new ArrayList<>()).add(s);
        }
        Figure f = this;
        for (Map.Entry<String, List<Series>> e : byFamily.entrySet()) {
            List<Series> members = e.getValue();
            int parts = (members.size() + MAX_SERIES_PER_PANEL - 1) / MAX_SERIES_PER_PANEL;
            int per = (members.size() + parts - 1) / parts;
            for (int p = 0; p < parts; p++) {
                String name = parts == 1 ? e.getKey() : e.getKey() + " (" + (p + 1) + "/" + parts + ")";
                f = f.panel(new Panel(name, members.subList(p * per, Math.min(members.size(), (p + 1) * per))));
            }
        }
        return f;
    }

    /** This figure with a one-line note under its title (e.g. why an axis is linear). */
    public Figure note(String text) {
        return new Figure(title, Objects.requireNonNull(text, "note"), xTitle, yTitle, axes, rate, panels,
                referenceSlopes, size, styles);
    }

    /**
     * This figure with reference triangles for these slopes (orders p on log-log axes, rates r on semilog axes),
     * each finite and {@code > 0}, at most {@value #MAX_TRIANGLES}. Without them each panel shows the distinct
     * nominal values of its series' fits.
     */
    public Figure referenceSlopes(double... slopes) {
        if (slopes.length > MAX_TRIANGLES) {
            throw new IllegalArgumentException("at most " + MAX_TRIANGLES + " reference slopes fit a panel; got "
                    + Arrays.toString(slopes));
        }
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
        return new Figure(title, note, xTitle, yTitle, axes, rate, panels, slopes, size, styles);
    }

    /** This figure at another size. */
    public Figure size(FigureSize newSize) {
        return new Figure(title, note, xTitle, yTitle, axes, rate, panels, referenceSlopes,
                Objects.requireNonNull(newSize, "size"), styles);
    }

    /** This figure with series styles from {@code book}. */
    public Figure styles(StyleBook book) {
        return new Figure(title, note, xTitle, yTitle, axes, rate, panels, referenceSlopes, size,
                Objects.requireNonNull(book, "styles"));
    }

    /** The panels. */
    public List<Panel> panels() {
        return panels;
    }

    /** The legend entry of a series: its name, then the fitted value and CI half-width if known. */
    public String legendLabel(Series s) {
        OrderFitResult fit = s.fit();
        if (fit == null) {
            return s.name();
        }
        String word = fit.model().quantity().equals("rate") ? Rate.RATE.word() : rate.word();
        if (Double.isNaN(fit.order())) {
            return s.name() + " (" + word + " n/a)";
        }
        String value = String.format(Locale.ROOT, fit.order() < 0.1 ? "%.3g" : "%.2f", fit.order());
        if (Double.isNaN(fit.halfWidth())) {
            return s.name() + " (" + word + " " + value + ")";
        }
        return s.name() + " (" + word + " " + value + " ± " + String.format(Locale.ROOT, "%.2g", fit.halfWidth())
                + ")";
    }

    /** Writes the figure in each format to {@code base} plus the format's extension; returns the files written. */
    public List<Path> write(Path base, List<FigureFormat> formats) throws IOException {
        List<Path> written = new ArrayList<>();
        for (FigureFormat f : formats) {
            Path target = base.resolveSibling(base.getFileName() + "." + f.extension());
            AtomicFiles.writeBytes(target, bytes(f));
            written.add(target);
        }
        return written;
    }

    /** The file contents in one format. */
    public byte[] bytes(FigureFormat format) throws IOException {
        return switch (format) {
            case PNG -> png();
            case SVG -> svg();
            case PDF -> pdf();
        };
    }

    /** Where each panel, its data area, legend and labelled ticks land, in points (drawn on an off-screen image). */
    public List<PanelLayout> layout() {
        Geometry geo = geometry();
        BufferedImage image = new BufferedImage((int) Math.ceil(geo.width), (int) Math.ceil(geo.height),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            return draw(g, geo);
        } finally {
            g.dispose();
        }
    }

    private byte[] png() throws IOException {
        Geometry geo = geometry();
        double scale = size.pngDpi() / 72.0;
        BufferedImage image = new BufferedImage((int) Math.ceil(geo.width * scale), (int) Math.ceil(geo.height * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(scale, scale);
            draw(g, geo);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private byte[] svg() throws IOException {
        Geometry geo = geometry();
        VectorGraphics2D g = new OutlineTextGraphics2D();
        draw(g, geo);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Processors.get("svg").getDocument(g.getCommands(), new PageSize(0, 0, geo.width, geo.height)).writeTo(out);
        return out.toByteArray();
    }

    private byte[] pdf() throws IOException {
        Geometry geo = geometry();
        try (PDDocument doc = new PDDocument()) {
            // A document id from the figure, not the clock: redrawing the same figure gives the same bytes.
            doc.setDocumentId((long) title.hashCode());
            PDPage page = new PDPage(new PDRectangle((float) geo.width, (float) geo.height));
            doc.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, (float) geo.width, (float) geo.height);
            // No font is registered, so PdfBoxGraphics2D draws all text as glyph outlines (nothing to embed).
            draw(g, geo);
            g.dispose();
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawForm(g.getXFormObject());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /**
     * VectorGraphics2D that draws every string as glyph outlines: JFreeChart resets the rendering hints, so
     * VectorGraphics2D's own text-as-vector hint does not survive, and an SVG with outlines needs no font.
     */
    private static final class OutlineTextGraphics2D extends VectorGraphics2D {
        @Override
        public void drawString(String text, float x, float y) {
            if (!text.isEmpty()) {
                fill(getFont().createGlyphVector(getFontRenderContext(), text).getOutline(x, y));
            }
        }

        @Override
        public void drawString(String text, int x, int y) {
            drawString(text, (float) x, (float) y);
        }

        @Override
        public void drawString(java.text.AttributedCharacterIterator text, float x, float y) {
            fill(new java.awt.font.TextLayout(text, getFontRenderContext()).getOutline(
                    java.awt.geom.AffineTransform.getTranslateInstance(x, y)));
        }

        @Override
        public void drawString(java.text.AttributedCharacterIterator text, int x, int y) {
            drawString(text, (float) x, (float) y);
        }
    }

    /** Panel grid and sizes, in points. */
    private record Geometry(double width, double height, double header, int columns, double panelWidth,
            double[] rowHeights) {
    }

    private Geometry geometry() {
        if (panels.isEmpty()) {
            throw new IllegalStateException("the figure '" + title + "' has no panels; add one with panel(...)");
        }
        double width = size.widthPoints();
        int columns = size.twoColumns() && panels.size() > 1 ? 2 : 1;
        double panelWidth = width / columns;
        double header = (title.isEmpty() ? 4 : 16) + (note.isEmpty() ? 0 : 11);
        int rows = (panels.size() + columns - 1) / columns;
        double[] rowHeights = new double[rows];
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        for (int i = 0; i < panels.size(); i++) {
            double h = CHART_HEIGHT + legendSize(g, chart(panels.get(i)), panelWidth).height + LEGEND_GAP;
            rowHeights[i / columns] = Math.max(rowHeights[i / columns], h);
        }
        g.dispose();
        return new Geometry(width, header + Arrays.stream(rowHeights).sum() + BOTTOM_MARGIN, header, columns, panelWidth, rowHeights);
    }

    private List<PanelLayout> draw(Graphics2D g, Geometry geo) {
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, geo.width, geo.height));
        double y = 2;
        if (!title.isEmpty()) {
            g.setColor(Color.BLACK);
            g.setFont(TITLE_FONT);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, (float) ((geo.width - fm.stringWidth(title)) / 2), (float) (y + fm.getAscent()));
            y += 14;
        }
        if (!note.isEmpty()) {
            g.setColor(GUIDE);
            g.setFont(NOTE_FONT);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(note, (float) ((geo.width - fm.stringWidth(note)) / 2), (float) (y + fm.getAscent()));
        }
        List<PanelLayout> layouts = new ArrayList<>();
        double top = geo.header;
        for (int row = 0; row < geo.rowHeights.length; row++) {
            for (int col = 0; col < geo.columns; col++) {
                int i = row * geo.columns + col;
                if (i >= panels.size()) {
                    break;
                }
                Rectangle2D bounds = new Rectangle2D.Double(col * geo.panelWidth, top, geo.panelWidth,
                        geo.rowHeights[row]);
                layouts.add(drawPanel(g, panels.get(i), bounds));
            }
            top += geo.rowHeights[row];
        }
        return layouts;
    }

    /**
     * Draws the chart (title, data area, axes) in a band of fixed height, so every panel of a row has the same data
     * area, and its legend below it at the size JFreeChart's block arrangement gives it.
     */
    private PanelLayout drawPanel(Graphics2D g, Panel panel, Rectangle2D bounds) {
        JFreeChart chart = chart(panel);
        LegendTitle legendTitle = chart.getLegend();
        chart.removeLegend();
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(g, new Rectangle2D.Double(bounds.getX(), bounds.getY(), bounds.getWidth(), CHART_HEIGHT), info);
        Rectangle2D dataArea = info.getPlotInfo().getDataArea();
        Size2D legendSize = legendSize(g, legendTitle, bounds.getWidth());
        Rectangle2D legend = new Rectangle2D.Double(bounds.getX() + LEGEND_INDENT, bounds.getY() + CHART_HEIGHT
                + LEGEND_GAP, legendSize.width, legendSize.height);
        legendTitle.draw(g, legend);
        XYPlot plot = chart.getXYPlot();
        return new PanelLayout(panel.title(), bounds, dataArea, legend, panel.series().size(),
                labels(plot.getDomainAxis(), g, dataArea, RectangleEdge.BOTTOM),
                labels(plot.getRangeAxis(), g, dataArea, RectangleEdge.LEFT));
    }

    /** The size JFreeChart arranges a panel's legend to, at most as wide as the panel's data area may start. */
    private static Size2D legendSize(Graphics2D g, JFreeChart chart, double panelWidth) {
        return legendSize(g, chart.getLegend(), panelWidth);
    }

    private static Size2D legendSize(Graphics2D g, LegendTitle legend, double panelWidth) {
        double w = panelWidth - LEGEND_INDENT;
        return legend.arrange(g, new RectangleConstraint(w, new Range(0, w), LengthConstraintType.FIXED, 0,
                new Range(0, 1e5), LengthConstraintType.RANGE));
    }

    private static List<String> labels(ValueAxis axis, Graphics2D g, Rectangle2D dataArea, RectangleEdge edge) {
        List<String> out = new ArrayList<>();
        for (Object o : axis.refreshTicks(g, new AxisState(), dataArea, edge)) {
            String text = ((ValueTick) o).getText();
            if (text != null && !text.isEmpty()) {
                out.add(text);
            }
        }
        return List.copyOf(out);
    }

    /** The JFreeChart of one panel. */
    JFreeChart chart(Panel panel) {
        List<Series> drawable = new ArrayList<>();
        for (Series s : panel.series()) {
            drawable.add(drawable(s));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : drawable) {
            XYSeries xy = new XYSeries(legendLabel(s), false, true);
            double[] x = s.x();
            double[] yv = s.y();
            for (int i = 0; i < x.length; i++) {
                xy.add(x[i], yv[i]);
            }
            data.addSeries(xy);
        }
        List<SeriesStyle> seriesStyles = styles.assign(drawable.stream().map(Series::name).toList());
        WindowRenderer renderer = new WindowRenderer(drawable);
        for (int i = 0; i < drawable.size(); i++) {
            SeriesStyle st = seriesStyles.get(i);
            renderer.setSeriesPaint(i, st.color());
            renderer.setSeriesShape(i, st.marker().shape(MARKER_SIZE));
            renderer.setSeriesStroke(i, new BasicStroke(0.9f));
        }
        renderer.setUseFillPaint(false);
        renderer.setDrawOutlines(true);
        renderer.setUseOutlinePaint(false);
        renderer.setDefaultOutlineStroke(new BasicStroke(0.8f));

        ValueAxis xAxis = axes == Axes.LOG_LOG ? new ReadableLogAxis(xTitle) : new NumberAxis(xTitle);
        ValueAxis yAxis = new ReadableLogAxis(yTitle);
        for (ValueAxis a : List.of(xAxis, yAxis)) {
            a.setLabelFont(AXIS_TITLE_FONT);
            a.setTickLabelFont(TICK_FONT);
            a.setTickMarkOutsideLength(2.5f);
            a.setMinorTickMarkOutsideLength(1.2f);
            a.setLabelInsets(new RectangleInsets(1, 1, 1, 1));
        }
        Ranges ranges = ranges(drawable);
        xAxis.setRange(ranges.xLower, ranges.xUpper);
        yAxis.setRange(ranges.yLower, ranges.yUpper);
        if (xAxis instanceof NumberAxis n) {
            n.setAutoRangeIncludesZero(false);
        }

        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(GUIDE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(0.4f));
        plot.setRangeGridlineStroke(new BasicStroke(0.4f));
        plot.setDomainMinorGridlinesVisible(true);
        plot.setRangeMinorGridlinesVisible(true);
        plot.setDomainMinorGridlinePaint(MINOR_GRID);
        plot.setRangeMinorGridlinePaint(MINOR_GRID);
        plot.setDomainMinorGridlineStroke(new BasicStroke(0.3f));
        plot.setRangeMinorGridlineStroke(new BasicStroke(0.3f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        addTriangles(plot, drawable, ranges);

        JFreeChart chart = new JFreeChart(null, PANEL_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(2, 4, 2, 8));
        TextTitle t = new TextTitle(panel.title(), PANEL_TITLE_FONT);
        t.setPadding(new RectangleInsets(2, 0, 2, 0));
        chart.setTitle(t);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(LEGEND_FONT);
        legend.setFrame(BlockBorder.NONE);
        legend.setBackgroundPaint(Color.WHITE);
        legend.setItemLabelPadding(new RectangleInsets(0.5, 2, 0.5, 6));
        legend.setLegendItemGraphicPadding(new RectangleInsets(0.5, 2, 0.5, 0));
        legend.setMargin(RectangleInsets.ZERO_INSETS);
        legend.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        return chart;
    }

    /** Points inside the fitted window filled, outside hollow. */
    private static final class WindowRenderer extends XYLineAndShapeRenderer {
        private static final long serialVersionUID = 1L;
        private final transient List<Series> series;

        WindowRenderer(List<Series> series) {
            super(true, true);
            this.series = series;
        }

        @Override
        public boolean getItemShapeFilled(int seriesIndex, int item) {
            return series.get(seriesIndex).inWindow(item);
        }
    }

    private record Ranges(double xLower, double xUpper, double yLower, double yUpper, double yDataLower) {
    }

    private Series drawable(Series s) {
        double[] x = s.x();
        double[] y = s.y();
        double[] keptX = new double[x.length];
        double[] keptY = new double[x.length];
        int kept = 0;
        for (int i = 0; i < x.length; i++) {
            boolean drawableX = Double.isFinite(x[i]) && (axes == Axes.SEMILOG || x[i] > 0);
            if (drawableX && Double.isFinite(y[i]) && y[i] > 0) {
                keptX[kept] = x[i];
                keptY[kept] = y[i];
                kept++;
            }
        }
        if (kept == 0) {
            throw new IllegalArgumentException("series '" + s.name() + "' has no point that can be drawn on " + axes
                    + " axes (values must be finite and > 0" + (axes == Axes.LOG_LOG ? ", x > 0" : "") + ")");
        }
        return new Series(s.name(), Arrays.copyOf(keptX, kept), Arrays.copyOf(keptY, kept), s.fit());
    }

    private double toAxisX(double x) {
        return axes == Axes.LOG_LOG ? Math.log10(x) : x;
    }

    private double fromAxisX(double u) {
        return axes == Axes.LOG_LOG ? Math.pow(10, u) : u;
    }

    private Ranges ranges(List<Series> drawable) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : drawable) {
            for (double v : s.x()) {
                xMin = Math.min(xMin, toAxisX(v));
                xMax = Math.max(xMax, toAxisX(v));
            }
            for (double v : s.y()) {
                yMin = Math.min(yMin, Math.log10(v));
                yMax = Math.max(yMax, Math.log10(v));
            }
        }
        double xSpan = xMax > xMin ? xMax - xMin : (axes == Axes.LOG_LOG ? 0.5 : Math.max(1, Math.abs(xMax)));
        double ySpan = yMax > yMin ? yMax - yMin : 0.5;
        double xPad = 0.05 * xSpan;
        double yPad = 0.06 * ySpan;
        double bottom = yMin - yPad;
        if (!trianglesFit(drawable, xMin - xPad, xSpan + 2 * xPad, bottom, ySpan)) {
            bottom -= 0.3 * ySpan;
        }
        return new Ranges(fromAxisX(xMin - xPad), fromAxisX(xMax + xPad), Math.pow(10, bottom),
                Math.pow(10, yMax + yPad), Math.pow(10, yMin));
    }

    /** The reference slopes of a panel: the figure's, or the distinct nominal values of its fits. */
    private double[] slopesFor(List<Series> drawable) {
        if (referenceSlopes.length > 0) {
            return referenceSlopes.clone();
        }
        return drawable.stream().map(Series::fit).filter(Objects::nonNull).mapToDouble(OrderFitResult::nominal)
                .filter(v -> v > 0 && Double.isFinite(v)).distinct().sorted().limit(MAX_TRIANGLES).toArray();
    }

    /** A triangle's corners in axis units (log10 y; log10 x on log-log axes): {x0, x1, yLow, yHigh}. */
    private double[][] triangleBoxes(double[] slopes, double xStart, double xSpanAll, double yBottom, double ySpan) {
        double height = 0.22 * ySpan;
        double[][] boxes = new double[slopes.length][];
        double x = xStart + 0.04 * xSpanAll;
        double yLow = yBottom + 0.04 * ySpan;
        for (int k = 0; k < slopes.length; k++) {
            // A run of 1 in axis units rises slopes[k] decades on log-log axes, slopes[k]/ln10 on semilog axes.
            double perUnit = axes == Axes.LOG_LOG ? slopes[k] : slopes[k] / Math.log(10);
            double run = Math.min(0.18 * xSpanAll, height / perUnit);
            boxes[k] = new double[] {x, x + run, yLow, yLow + run * perUnit};
            x += run + 0.07 * xSpanAll;
        }
        return boxes;
    }

    private boolean trianglesFit(List<Series> drawable, double xStart, double xSpanAll, double yBottom, double ySpan) {
        double[] slopes = slopesFor(drawable);
        for (double[] box : triangleBoxes(slopes, xStart, xSpanAll, yBottom, ySpan)) {
            if (box[1] > xStart + xSpanAll) {
                return false;
            }
            for (Series s : drawable) {
                double[] x = s.x();
                double[] y = s.y();
                for (int i = 0; i < x.length; i++) {
                    double u0 = toAxisX(x[i]);
                    double v0 = Math.log10(y[i]);
                    double u1 = i + 1 < x.length ? toAxisX(x[i + 1]) : u0;
                    double v1 = i + 1 < x.length ? Math.log10(y[i + 1]) : v0;
                    if (segmentHitsBox(u0, v0, u1, v1, box, 0.06 * ySpan)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean segmentHitsBox(double u0, double v0, double u1, double v1, double[] box, double margin) {
        double lo = Math.max(Math.min(u0, u1), box[0]);
        double hi = Math.min(Math.max(u0, u1), box[1]);
        if (lo > hi) {
            return false;
        }
        for (double u : new double[] {lo, hi}) {
            double v = u1 == u0 ? Math.min(v0, v1) : v0 + (v1 - v0) * (u - u0) / (u1 - u0);
            if (v <= box[3] + margin) {
                return true;
            }
        }
        return false;
    }

    private void addTriangles(XYPlot plot, List<Series> drawable, Ranges r) {
        double[] slopes = slopesFor(drawable);
        if (slopes.length == 0) {
            return;
        }
        double xStart = toAxisX(r.xLower);
        double xSpanAll = toAxisX(r.xUpper) - xStart;
        double yBottom = Math.log10(r.yLower);
        double ySpan = Math.log10(r.yUpper) - yBottom;
        double[][] boxes = triangleBoxes(slopes, xStart, xSpanAll, yBottom, ySpan);
        for (int k = 0; k < slopes.length; k++) {
            double[] b = boxes[k];
            double xa = fromAxisX(b[0]);
            double xb = fromAxisX(b[1]);
            double yLow = Math.pow(10, b[2]);
            double yHigh = Math.pow(10, b[3]);
            // Hypotenuse from (xa, yHigh) down to (xb, yLow): the falling line y ∝ x^(−p) (or e^(−r·x)).
            plot.addAnnotation(new XYPolygonAnnotation(new double[] {xa, yHigh, xb, yLow, xa, yLow},
                    new BasicStroke(0.7f), GUIDE, null));
            XYTextAnnotation label = new XYTextAnnotation(trim(slopes[k]), xa, Math.sqrt(yLow * yHigh));
            label.setFont(TRIANGLE_FONT);
            label.setPaint(GUIDE);
            label.setTextAnchor(TextAnchor.CENTER_RIGHT);
            plot.addAnnotation(label);
        }
    }

    /** Integers without decimals, others with up to three significant digits. */
    static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
