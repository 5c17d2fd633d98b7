package difflab.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.analysis.fit.OrderFit;
import difflab.analysis.fit.OrderFitResult;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class FigureTest {
    private static final double[] NFE = {4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private static Figure.Series powerLaw(String name, double c, double p) {
        double[] y = new double[NFE.length];
        for (int i = 0; i < NFE.length; i++) {
            y[i] = c * Math.pow(NFE[i], -p) * (i == 0 ? 3 : 1);
        }
        return new Figure.Series(name, NFE, y, OrderFit.fit(NFE, y, p));
    }

    /** Twenty samplers in three families: 8 + 8 + 4 would overflow a panel if families were not split. */
    private static Figure crowded(FigureSize size) {
        List<Figure.Series> series = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            series.add(powerLaw((i < 11 ? "alpha-" : i < 16 ? "beta-" : "gamma-") + i, 1 + i, 1 + i % 3));
        }
        return Figure.of(Figure.Axes.LOG_LOG, Figure.Rate.ORDER, "twenty samplers", "NFE", "RMS error")
                .panels(series, n -> n.substring(0, n.indexOf('-'))).size(size);
    }

    @Test
    void panelsHoldAtMostEightSeriesAndSplitLargeFamilies() {
        Figure f = crowded(FigureSize.DOUBLE);
        assertEquals(List.of("alpha (1/2)", "alpha (2/2)", "beta", "gamma"),
                f.panels().stream().map(Figure.Panel::title).toList());
        assertEquals(List.of(6, 5, 5, 4), f.panels().stream().map(p -> p.series().size()).toList());
        for (Figure.PanelLayout p : f.layout()) {
            assertTrue(p.series() <= Figure.MAX_SERIES_PER_PANEL, p.title());
        }
        assertThrows(IllegalArgumentException.class, () -> new Figure.Panel("nine", java.util.Collections.nCopies(9,
                powerLaw("a", 1, 1))));
    }

    @Test
    void legendIsOutsideTheDataAreaAndInsideItsPanel() {
        for (FigureSize size : List.of(FigureSize.SINGLE, FigureSize.DOUBLE)) {
            for (Figure.PanelLayout p : crowded(size).layout()) {
                assertFalse(p.legend().intersects(p.dataArea()), p.title() + ": legend " + p.legend()
                        + " overlaps data area " + p.dataArea());
                assertTrue(p.bounds().contains(p.legend()), p.title() + ": legend " + p.legend()
                        + " is clipped by its panel " + p.bounds());
                assertTrue(p.bounds().contains(p.dataArea()), p.title());
                assertTrue(p.dataArea().getHeight() > 100, p.title() + " data area " + p.dataArea());
            }
        }
    }

    @Test
    void everyLogAxisHasAtLeastThreeLabelledTicks() {
        double[] x = {6, 8, 10, 12};
        double[] y = {3.1e-3, 2.2e-3, 1.7e-3, 1.4e-3};
        Figure f = Figure.of(Figure.Axes.LOG_LOG, Figure.Rate.ORDER, "", "NFE", "RMS error")
                .panel(new Figure.Panel("narrow", List.of(new Figure.Series("s", x, y))));
        Figure.PanelLayout p = f.layout().get(0);
        assertTrue(p.xLabels().size() >= 3, "x labels " + p.xLabels());
        assertTrue(p.yLabels().size() >= 3, "y labels " + p.yLabels());
        for (Figure.PanelLayout q : crowded(FigureSize.SINGLE).layout()) {
            assertTrue(q.xLabels().size() >= 3 && q.yLabels().size() >= 3, q.xLabels() + " " + q.yLabels());
        }
    }

    @Test
    void samplerKeepsItsStyleInEveryFigure() {
        StyleBook book = StyleBook.of(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"));
        assertEquals(book.styleOf("c"), book.assign(List.of("z", "c")).get(1));
        assertEquals(book.assign(List.of("c")).get(0), book.assign(List.of("a", "b", "c")).get(2));
        List<SeriesStyle> eight = book.assign(List.of("a", "b", "c", "d", "e", "f", "g", "h"));
        assertEquals(8, eight.stream().map(SeriesStyle::color).distinct().count());
        assertNotEquals(book.styleOf("a"), book.styleOf("i"));
        List<SeriesStyle> unknown = StyleBook.empty().assign(List.of("eta=0", "eta=0.001", "eta=0.003", "eta=0.01",
                "eta=0.03", "eta=0.1", "eta=0.3", "eta=1"));
        assertEquals(8, unknown.stream().map(SeriesStyle::color).distinct().count(), unknown.toString());
    }

    @Test
    void legendNamesOrderOrKlSlope() {
        Figure.Series s = powerLaw("ddpm", 1, 2);
        String order = Figure.of(Figure.Axes.LOG_LOG, Figure.Rate.ORDER, "", "T", "error").legendLabel(s);
        String kl = Figure.of(Figure.Axes.LOG_LOG, Figure.Rate.KL_SLOPE, "", "T", "KL").legendLabel(s);
        assertTrue(order.startsWith("ddpm (order 2.00 ± "), order);
        assertTrue(kl.startsWith("ddpm (KL slope 2.00 ± "), kl);
    }

    @Test
    void markersAreFilledOnlyInsideTheFittedWindow() {
        double[] y = {1, 0.5, 0.25, 0.125, 0.0625, 0.05, 0.049};
        double[] x = {1, 2, 4, 8, 16, 32, 64};
        OrderFitResult fit = OrderFit.fitOver(x, y, 1, 5, 1);
        Figure.Series s = new Figure.Series("s", x, y, fit);
        List<Boolean> filled = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            filled.add(s.inWindow(i));
        }
        assertEquals(List.of(false, true, true, true, true, false, false), filled);
    }

    @Test
    void redrawingAFigureGivesTheSameBytesInEveryFormat() throws Exception {
        for (FigureFormat format : List.of(FigureFormat.PNG, FigureFormat.SVG, FigureFormat.PDF)) {
            assertTrue(java.util.Arrays.equals(crowded(FigureSize.SINGLE).bytes(format),
                    crowded(FigureSize.SINGLE).bytes(format)), format + " differs between two renderings");
        }
    }

    @Test
    void writesPngSvgAndPdfThatOpenBack(@TempDir Path dir) throws Exception {
        Figure f = crowded(FigureSize.SINGLE);
        List<Path> files = f.write(dir.resolve("crowded"), List.of(FigureFormat.PNG, FigureFormat.SVG,
                FigureFormat.PDF));
        assertEquals(List.of("crowded.png", "crowded.svg", "crowded.pdf"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        var png = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(files.get(0))));
        assertEquals(Math.ceil(FigureSize.SINGLE_COLUMN_INCHES * FigureSize.DEFAULT_DPI), png.getWidth(), 1);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document svg = factory.newDocumentBuilder().parse(files.get(1).toFile());
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        assertTrue(svg.getElementsByTagNameNS("*", "path").getLength() > 100, "SVG has too few paths");
        assertEquals(0, svg.getElementsByTagNameNS("*", "text").getLength(), "text must be drawn as outlines");
        try (PDDocument pdf = Loader.loadPDF(files.get(2).toFile())) {
            assertEquals(1, pdf.getNumberOfPages());
            assertEquals(FigureSize.SINGLE_COLUMN_INCHES * 72, pdf.getPage(0).getMediaBox().getWidth(), 0.5);
            for (var font : pdf.getPage(0).getResources().getFontNames()) {
                throw new AssertionError("PDF uses a font resource " + font + "; text must be drawn as outlines");
            }
        }
    }

    @Test
    void rejectsBadInputWithAMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> FigureSize.parse("huge", 150));
        assertTrue(e.getMessage().contains("huge") && e.getMessage().contains("single"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FigureFormat.parse("gif"));
        assertThrows(IllegalStateException.class, () -> Figure.of(Figure.Axes.LOG_LOG, Figure.Rate.ORDER, "", "x",
                "y").layout());
        assertThrows(IllegalArgumentException.class, () -> Figure.of(Figure.Axes.LOG_LOG, Figure.Rate.ORDER, "",
                "x", "y").panel(new Figure.Panel("p", List.of(new Figure.Series("s", new double[] {1},
                new double[] {0})))).layout());
    }
}
