package difflab.analysis.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown (GitHub-flavoured) table of already formatted cells.
 *
 * @param header the column titles
 * @param rows   the rows, each as long as the header
 */
public record MarkdownTable(List<String> header, List<List<String>> rows) {

    public MarkdownTable {
        header = List.copyOf(header);
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        List<List<String>> copied = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != header.size()) {
                throw new IllegalArgumentException("row " + r + " has " + rows.get(r).size() + " cells; the header "
                        + header + " has " + header.size());
            }
            copied.add(List.copyOf(rows.get(r)));
        }
        rows = List.copyOf(copied);
    }

    /** A table whose header and cells are formatted by {@link MarkdownFormat#cell}. */
    public static MarkdownTable of(List<?> header, List<? extends List<?>> rows) {
        return new MarkdownTable(header.stream().map(MarkdownFormat::cell).toList(),
                rows.stream().map(row -> row.stream().map(MarkdownFormat::cell).toList()).toList());
    }

    /** The table in Markdown, one line per row, each ending in a newline. */
    public String toMarkdown() {
        StringBuilder markdown = new StringBuilder();
        appendRow(markdown, header);
        appendRow(markdown, header.stream().map(title -> "---").toList());
        for (List<String> row : rows) {
            appendRow(markdown, row);
        }
        return markdown.toString();
    }

    private static void appendRow(StringBuilder markdown, List<String> cells) {
        markdown.append('|');
        for (String cell : cells) {
            markdown.append(' ').append(cell).append(" |");
        }
        markdown.append('\n');
    }
}
