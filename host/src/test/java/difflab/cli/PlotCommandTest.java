package difflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {

    /** A runs.csv with two targets and samplers from two families, errors C·N^(−p). */
    private static Path runs(Path dir) throws Exception {
        List<String> lines = new ArrayList<>(List.of("sampler,target,dim,steps,nfe,error,kl"));
        String[][] samplers = {{"dpmpp-2m", "2"}, {"dpmpp-3m", "3"}, {"res-2s", "2"}, {"ddim", "1"}};
        for (String target : List.of("gmm", "gaussian")) {
            for (String[] s : samplers) {
                for (int n = 4; n <= 256; n *= 2) {
                    double p = Double.parseDouble(s[1]);
                    lines.add(String.format(Locale.ROOT, "%s,%s,2,%d,%d,%.6e,NaN", s[0], target, n, n,
                            Math.pow(n, -p)));
                }
            }
        }
        Path csv = dir.resolve("runs.csv");
        Files.write(csv, lines);
        return csv;
    }

    @Test
    void drawsOneFigurePerTargetInEachFormat(@TempDir Path dir) throws Exception {
        Path csv = runs(dir);
        var o = CommandLineTest.run("plot", csv.toString(), "--out", dir.resolve("fig/orders").toString(),
                "--format", "pdf,svg", "--size", "single");
        assertEquals(0, o.code(), o.err());
        for (String target : List.of("gmm", "gaussian")) {
            Path pdf = dir.resolve("fig/orders_" + target + ".pdf");
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                assertEquals(1, doc.getNumberOfPages());
                assertEquals(3.3 * 72, doc.getPage(0).getMediaBox().getWidth(), 0.5);
            }
            assertTrue(Files.size(dir.resolve("fig/orders_" + target + ".svg")) > 1000);
            assertFalse(Files.exists(dir.resolve("fig/orders_" + target + ".png")));
        }
        assertTrue(o.out().contains("4 series in 3 panel(s), target=gmm"), o.out());
    }

    @Test
    void selectsByFamilySamplersAndWhere(@TempDir Path dir) throws Exception {
        Path csv = runs(dir);
        var o = CommandLineTest.run("plot", csv.toString(), "--family", "DPM-Solver++", "--where", "target=gmm",
                "--format", "png", "--out", dir.resolve("dpmpp").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("2 series in 1 panel(s)"), o.out());
        assertTrue(Files.exists(dir.resolve("dpmpp.png")));
        var s = CommandLineTest.run("plot", csv.toString(), "--samplers", "ddim,res-2s", "--where", "target=gmm",
                "--x", "steps", "--format", "png", "--out", dir.resolve("two").toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("2 series in 2 panel(s)"), s.out());
    }

    @Test
    void badOptionsExitTwoNamingTheValueAndWriteNothing(@TempDir Path dir) throws Exception {
        Path csv = runs(dir);
        Path out = dir.resolve("none");
        String[][] bad = {{"--metric", "foo"}, {"--x", "bar"}, {"--family", "nope"}, {"--samplers", "heun"},
            {"--format", "gif"}, {"--size", "huge"}, {"--where", "target"}, {"--metric", "kl"}};
        for (String[] b : bad) {
            var o = CommandLineTest.run("plot", csv.toString(), b[0], b[1], "--out", out.toString());
            assertEquals(2, o.code(), String.join(" ", b) + ": " + o.err());
            assertTrue(o.err().contains(b[1]) || o.err().contains(b[0]), o.err());
        }
        assertEquals(2, CommandLineTest.run("plot", dir.resolve("missing.csv").toString()).code());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("runs.csv"), files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
