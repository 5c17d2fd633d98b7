package difflab.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.analysis.fit.ExponentialRateFit;
import difflab.analysis.fit.OrderFit;
import difflab.analysis.fit.OrderFitResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvergencePlotTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final double[] N = {4, 8, 16, 32, 64, 128, 256, 512};

    private static double[] powerLaw(double c, double p) {
        return Arrays.stream(N).map(n -> c * Math.pow(n, -p)).toArray();
    }

    private static void assertIsDrawnPng(Path file, int width, int height) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, PNG_MAGIC.length));
        assertTrue(bytes.length > 10_000, "a plot with series and text is not a few bytes: " + bytes.length);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < height; y += 3) {
            for (int x = 0; x < width; x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "series in several colours, antialiased text: " + colours.size());
    }

    @Test
    void writesLogLogPngAtomically(@TempDir Path dir) throws IOException {
        double[] ddim = powerLaw(0.5, 1);
        double[] heun = powerLaw(2.0, 2);
        double[] dpmpp = powerLaw(5.0, 3);
        dpmpp[0] = 0.0; // cannot be drawn on a log axis: left out, not fatal
        Path file = dir.resolve("plots").resolve("order.png");

        ConvergencePlot.logLog("Order on a Gaussian target", "NFE", "error")
                .series("ddim", N, ddim, OrderFit.fit(N, ddim, 1))
                .series("heun", N, heun, OrderFit.fit(N, heun, 2))
                .series("dpmpp-3m", N, dpmpp)
                .referenceSlopes(1, 2, 3)
                .size(640, 480)
                .writePng(file);

        assertIsDrawnPng(file, 640, 480);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void writesSemilogPng(@TempDir Path dir) throws IOException {
        double[] t = {0, 2, 4, 6, 8, 10, 12};
        double[] error = Arrays.stream(t).map(x -> 0.3 * Math.exp(-0.7 * x)).toArray();
        Path file = dir.resolve("rate.png");

        ConvergencePlot.semilog("Contraction in T", "T", "error")
                .series("ode", t, error, ExponentialRateFit.fit(t, error, 0.7))
                .referenceSlopes(0.5)
                .writePng(file);

        assertIsDrawnPng(file, ConvergencePlot.DEFAULT_WIDTH, ConvergencePlot.DEFAULT_HEIGHT);
    }

    @Test
    void legendShowsFittedValueAndHalfWidth() {
        double[] noisy = powerLaw(1.0, 2);
        noisy[3] *= 1.02;
        OrderFitResult fit = OrderFit.fit(N, noisy, 2);
        String expected = String.format(java.util.Locale.ROOT, "heun (order %.3g ± %.2g)", fit.order(), fit.halfWidth());

        assertEquals(expected, ConvergencePlot.legendLabel("heun", fit));
        assertTrue(expected.startsWith("heun (order 2.0") || expected.startsWith("heun (order 1.9"), expected);
        assertEquals("heun (order 2.00)", ConvergencePlot.legendLabel("heun", OrderFit.fitOver(N, noisy, 0, 2)));
        assertEquals("heun", ConvergencePlot.legendLabel("heun", null));
    }

    @Test
    void referenceLineHasTheSlopeAndStopsAtTheData() {
        double[][] steep = ConvergencePlot.referenceLine(ConvergencePlot.Axes.LOG_LOG, 2, 4, 0.1, 1024, 1e-4);
        assertArrayEquals(new double[] {4, 4 * Math.sqrt(1000)}, steep[0], 1e-9, "ends where y reaches 1e-4");
        assertArrayEquals(new double[] {0.1, 1e-4}, steep[1], 1e-15);

        double[][] shallow = ConvergencePlot.referenceLine(ConvergencePlot.Axes.LOG_LOG, 1, 4, 0.1, 1024, 1e-6);
        assertArrayEquals(new double[] {4, 1024}, shallow[0], 1e-12, "ends at the last x");
        assertEquals(-1.0, Math.log(shallow[1][1] / shallow[1][0]) / Math.log(shallow[0][1] / shallow[0][0]), 1e-12);

        double[][] exponential = ConvergencePlot.referenceLine(ConvergencePlot.Axes.SEMILOG, 0.5, 1, 1, 100, 1e-3);
        assertArrayEquals(new double[] {1, 1 + 2 * Math.log(1000)}, exponential[0], 1e-12);
        assertEquals(1e-3, exponential[1][1], 1e-15);
    }

    @Test
    void rejectsWhatCannotBeDrawn() {
        ConvergencePlot plot = ConvergencePlot.logLog("t", "NFE", "error");
        var nothing = assertThrows(IllegalArgumentException.class,
                () -> plot.series("exact", N, new double[N.length]));
        assertTrue(nothing.getMessage().contains("'exact'"), nothing.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> plot.series("a", N, powerLaw(1, 1)).series("a", N, powerLaw(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> plot.referenceSlopes(2, -1));
        assertThrows(IllegalArgumentException.class, () -> plot.referenceSlopes(2, 2));
        assertThrows(IllegalStateException.class, plot::toPng);
    }
}
