package difflab.analysis.report;

import difflab.analysis.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable Markdown document built block by block: every method returns a new report with one
 * more block, and {@link #toString()} renders them separated by blank lines, ending in a newline.
 *
 * <pre>{@code
 * MarkdownReport.titled("difflab results")
 *     .section("Order on a Gaussian target")
 *     .paragraph("Error of the final particles against the exact flow map.")
 *     .table(OrderTable.of(entries, "NFE"))
 *     .image("order plot", "order-gaussian/plots/order.png")
 *     .bullets(List.of("heun measures order 1.52, below its nominal 2"))
 *     .writeAtomic(Path.of("results/REPORT.md"));
 * }</pre>
 */
public final class MarkdownReport {

    /** Deepest Markdown heading level. */
    public static final int MAX_HEADING_LEVEL = 6;

    private final List<String> blocks;

    private MarkdownReport(List<String> blocks) {
        this.blocks = blocks;
    }

    /** An empty report. */
    public static MarkdownReport empty() {
        return new MarkdownReport(List.of());
    }

    /** A report starting with a level-1 heading. */
    public static MarkdownReport titled(String title) {
        return empty().heading(1, title);
    }

    /**
     * This report with a heading of {@code level} (1 to {@link #MAX_HEADING_LEVEL}); line breaks
     * in {@code text} become spaces.
     */
    public MarkdownReport heading(int level, String text) {
        if (level < 1 || level > MAX_HEADING_LEVEL) {
            throw new IllegalArgumentException("heading level " + level + " is not accepted; use 1 to "
                    + MAX_HEADING_LEVEL);
        }
        return with("#".repeat(level) + " " + oneLine(text));
    }

    /** A level-2 heading. */
    public MarkdownReport section(String title) {
        return heading(2, title);
    }

    /** A level-3 heading. */
    public MarkdownReport subsection(String title) {
        return heading(3, title);
    }

    /** A paragraph of Markdown text, as given. */
    public MarkdownReport paragraph(String text) {
        return with(Objects.requireNonNull(text, "text").strip());
    }

    /** A table. */
    public MarkdownReport table(MarkdownTable table) {
        return with(table.toMarkdown().stripTrailing());
    }

    /** A table whose cells are formatted by {@link MarkdownFormat#cell}. */
    public MarkdownReport table(List<?> header, List<? extends List<?>> rows) {
        return table(MarkdownTable.of(header, rows));
    }

    /**
     * An image, {@code ![altText](relativePath)}. The path is relative to the report's directory,
     * written with {@code /}; spaces and parentheses are percent-encoded.
     *
     * @throws IllegalArgumentException if the path is absolute or a URL
     */
    public MarkdownReport image(String altText, String relativePath) {
        String path = Objects.requireNonNull(relativePath, "relativePath").replace('\\', '/');
        if (path.isEmpty() || path.startsWith("/") || path.contains(":")) {
            throw new IllegalArgumentException("image path '" + relativePath + "' is not accepted; give a path "
                    + "relative to the report, e.g. plots/order.png");
        }
        String encoded = path.replace(" ", "%20").replace("(", "%28").replace(")", "%29");
        String alt = oneLine(altText).replace("[", "\\[").replace("]", "\\]");
        return with("![" + alt + "](" + encoded + ")");
    }

    /** A bulleted list, one item per entry (e.g. findings where a measurement disagrees with a claim). */
    public MarkdownReport bullets(List<String> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a bullet list needs at least one item");
        }
        StringBuilder list = new StringBuilder();
        for (String item : items) {
            if (list.length() > 0) {
                list.append('\n');
            }
            list.append("- ").append(oneLine(item));
        }
        return with(list.toString());
    }

    /** The Markdown text. */
    @Override
    public String toString() {
        return String.join("\n\n", blocks) + "\n";
    }

    /** Writes {@link #toString()} as UTF-8 to {@code target}, atomically (see {@link AtomicFiles}). */
    public void writeAtomic(Path target) throws IOException {
        AtomicFiles.writeString(target, toString());
    }

    private MarkdownReport with(String block) {
        List<String> more = new ArrayList<>(blocks);
        more.add(block);
        return new MarkdownReport(List.copyOf(more));
    }

    private static String oneLine(String text) {
        return Objects.requireNonNull(text, "text").strip().replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
