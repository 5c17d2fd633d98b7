package difflab.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    private static MarkdownReport sample() {
        return MarkdownReport.titled("difflab results")
                .section("Order on a Gaussian target")
                .paragraph("Error against the exact flow map.\n")
                .table(List.of("sampler", "steps", "error"),
                        List.of(List.of("ddim", 64, 0.0012345678), List.of("heun | 2", 128.0, Double.NaN)))
                .image("order plot [log-log]", "order gaussian/plots/order (fp64).png")
                .subsection("Findings")
                .bullets(List.of("heun measures 1.52,\nbelow 2", "ddim matches"));
    }

    @Test
    void rendersEveryBlockKind() {
        String expected = """
                # difflab results

                ## Order on a Gaussian target

                Error against the exact flow map.

                | sampler | steps | error |
                | --- | --- | --- |
                | ddim | 64 | 0.001235 |
                | heun \\| 2 | 128 | n/a |

                ![order plot \\[log-log\\]](order%20gaussian/plots/order%20%28fp64%29.png)

                ### Findings

                - heun measures 1.52, below 2
                - ddim matches
                """;

        assertEquals(expected, sample().toString());
    }

    @Test
    void buildingIsImmutable() {
        MarkdownReport base = MarkdownReport.titled("t");
        base.paragraph("more");

        assertEquals("# t\n", base.toString());
    }

    @Test
    void writesTheRenderedText(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("REPORT.md");

        sample().writeAtomic(file);

        assertEquals(sample().toString(), Files.readString(file));
    }

    @Test
    void rejectsWhatMarkdownCannotHold() {
        MarkdownReport report = MarkdownReport.empty();
        assertThrows(IllegalArgumentException.class, () -> report.heading(7, "too deep"));
        assertThrows(IllegalArgumentException.class, () -> report.image("x", "/abs/plot.png"));
        assertThrows(IllegalArgumentException.class, () -> report.image("x", "C:\\plots\\a.png"));
        assertThrows(IllegalArgumentException.class, () -> report.image("x", "https://example.org/a.png"));
        assertThrows(IllegalArgumentException.class, () -> report.bullets(List.of()));
        var ragged = assertThrows(IllegalArgumentException.class,
                () -> report.table(List.of("a", "b"), List.of(List.of(1, 2), List.of(3))));
        assertEquals("row 1 has 1 cells; the header [a, b] has 2", ragged.getMessage());
    }
}
