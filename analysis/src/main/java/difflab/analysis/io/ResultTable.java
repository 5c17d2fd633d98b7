package difflab.analysis.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * An immutable table: an ordered list of distinct column names and rows of cell values, read from
 * and written to CSV (RFC 4180, header row, UTF-8).
 *
 * <p>Cells are stored as the text they have in the CSV file, so a table survives a round trip
 * exactly. Values given to {@link #withRow} are converted by {@link #cell}: numbers by
 * {@link String#valueOf} (for doubles the shortest text that parses back to the same double, NaN as
 * {@code NaN}), enums by name, {@code null} as the empty string. {@link Row#getDouble} and
 * {@link Row#getLong} parse them back.
 *
 * <p>A rerun skips finished cells by checking {@link #keys} and merges new rows with
 * {@link #upsert}. Every "modifying" method returns a new table.
 */
public final class ResultTable {

    private static final CSVFormat WRITE_FORMAT = CSVFormat.RFC4180;
    private static final CSVFormat READ_FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .get();

    private final List<String> columns;
    private final Map<String, Integer> columnIndex;
    private final List<List<String>> rows;

    private ResultTable(List<String> columns, List<List<String>> rows) {
        this.columns = columns;
        this.columnIndex = indexColumns(columns);
        this.rows = rows;
    }

    /**
     * An empty table with these columns.
     *
     * @throws IllegalArgumentException if there is no column, a name is empty or repeated
     */
    public static ResultTable withColumns(List<String> columns) {
        return new ResultTable(List.copyOf(columns), List.of());
    }

    /** {@link #withColumns(List)}. */
    public static ResultTable withColumns(String... columns) {
        return withColumns(List.of(columns));
    }

    /**
     * The CSV text of a value: {@code null} → empty, {@link CharSequence} → itself, {@link Number}
     * → {@link String#valueOf}, {@link Boolean} → {@code true}/{@code false}, {@link Enum} → name.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        throw new IllegalArgumentException("a cell value of type " + value.getClass().getName()
                + " is not accepted; use String, Number, Boolean, an enum or null");
    }

    /**
     * The key tuple of {@code values} (formatted by {@link #cell}) for these key columns, in the
     * form {@link #keys} returns, e.g. to ask whether a cell still has to run.
     */
    public static List<String> keyOf(Map<String, ?> values, List<String> keyColumns) {
        List<String> key = new ArrayList<>(keyColumns.size());
        for (String column : keyColumns) {
            if (!values.containsKey(column)) {
                throw new IllegalArgumentException("key column '" + column + "' is missing from " + values.keySet());
            }
            key.add(cell(values.get(column)));
        }
        return List.copyOf(key);
    }

    /** The column names, in file order. */
    public List<String> columns() {
        return columns;
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }

    /** Row {@code index} (0-based, header excluded). */
    public Row row(int index) {
        return new Row(rows.get(index));
    }

    /** All rows, in order. */
    public List<Row> rows() {
        return rows.stream().map(Row::new).toList();
    }

    /**
     * This table with one more row.
     *
     * @param values cell values by column name; a column left out gets the empty string
     * @throws IllegalArgumentException if a name is not a column, or a value's type is not accepted
     */
    public ResultTable withRow(Map<String, ?> values) {
        return withRows(List.of(values));
    }

    /** This table with these rows appended, each as in {@link #withRow}. */
    public ResultTable withRows(Collection<? extends Map<String, ?>> newRows) {
        List<List<String>> all = new ArrayList<>(rows);
        for (Map<String, ?> values : newRows) {
            all.add(toCells(values));
        }
        return new ResultTable(columns, Collections.unmodifiableList(all));
    }

    /**
     * The set of key tuples present: for each row, the values of {@code keyColumns} in that order.
     *
     * @throws IllegalArgumentException if a key column is not a column of this table
     */
    public Set<List<String>> keys(List<String> keyColumns) {
        int[] positions = positions(keyColumns);
        Set<List<String>> keys = new LinkedHashSet<>();
        for (List<String> row : rows) {
            keys.add(key(row, positions));
        }
        return Collections.unmodifiableSet(keys);
    }

    /**
     * Merges {@code newRows} by key: a new row whose key tuple is present replaces the first row with
     * that key, in its position, and further rows with that key are removed; other new rows are
     * appended in order. Among new rows with the same key the last wins.
     */
    public ResultTable upsert(Collection<? extends Map<String, ?>> newRows, List<String> keyColumns) {
        int[] positions = positions(keyColumns);
        Map<List<String>, List<String>> incoming = new LinkedHashMap<>();
        for (Map<String, ?> values : newRows) {
            List<String> cells = toCells(values);
            incoming.put(key(cells, positions), cells);
        }
        List<List<String>> merged = new ArrayList<>(rows.size() + incoming.size());
        Set<List<String>> placed = new HashSet<>();
        for (List<String> row : rows) {
            List<String> key = key(row, positions);
            List<String> replacement = incoming.get(key);
            if (replacement == null) {
                merged.add(row);
            } else if (placed.add(key)) {
                merged.add(replacement);
            }
        }
        incoming.forEach((key, cells) -> {
            if (!placed.contains(key)) {
                merged.add(cells);
            }
        });
        return new ResultTable(columns, Collections.unmodifiableList(merged));
    }

    /**
     * Reads a CSV file whose first record is the header.
     *
     * @throws IOException if the file cannot be read, is not UTF-8, is not valid CSV, has no header, or a record's
     *                     field count differs from the header's; the message names the file, the line and the
     *                     problem
     */
    public static ResultTable readCsv(Path source) throws IOException {
        CSVParser parser = null;
        try (Reader reader = new StringReader(utf8Text(source))) {
            parser = READ_FORMAT.parse(reader);
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new IOException(source + ": no header row");
            }
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (record.size() != header.size()) {
                    throw new IOException(source + ": line " + parser.getCurrentLineNumber() + ": the record has "
                            + record.size() + " fields, the header has " + header.size());
                }
                rows.add(List.copyOf(record.toList()));
            }
            return new ResultTable(List.copyOf(header), Collections.unmodifiableList(rows));
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException parseFailure) {
            throw new IOException(source + ": line " + (parser == null ? 1 : parser.getCurrentLineNumber()) + ": "
                    + problem(parseFailure), parseFailure);
        } catch (CSVException malformed) {
            throw new IOException(source + ": line " + (parser == null ? 1 : parser.getCurrentLineNumber()) + ": "
                    + problem(malformed), malformed);
        }
    }

    /** The file's text, decoded strictly as UTF-8; an invalid byte is reported with its line. */
    private static String utf8Text(Path source) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new IOException(source + ": line " + line + ": not UTF-8 text (byte " + (in.position() + 1) + ")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** The innermost message of a CSV parse failure, without exception class names. */
    private static String problem(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("[a-z]+(\\.[a-z]+)+\\.([A-Z][A-Za-z]*): ", "");
    }

    /** Writes this table as CSV with a header row, atomically (see {@link AtomicFiles}). */
    public void writeCsv(Path target) throws IOException {
        AtomicFiles.write(target, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter printer = new CSVPrinter(writer, WRITE_FORMAT);
            printer.printRecord(columns);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
            printer.flush();
        });
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResultTable table && columns.equals(table.columns) && rows.equals(table.rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, rows);
    }

    @Override
    public String toString() {
        return "ResultTable" + columns + " with " + rows.size() + " rows";
    }

    private List<String> toCells(Map<String, ?> values) {
        String[] cells = new String[columns.size()];
        Arrays.fill(cells, "");
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            cells[position(entry.getKey())] = cell(entry.getValue());
        }
        return List.of(cells);
    }

    private int[] positions(List<String> keyColumns) {
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("at least one key column is needed; the columns are " + columns);
        }
        int[] positions = new int[keyColumns.size()];
        for (int k = 0; k < positions.length; k++) {
            positions[k] = position(keyColumns.get(k));
        }
        return positions;
    }

    private int position(String column) {
        Integer position = columnIndex.get(column);
        if (position == null) {
            throw new IllegalArgumentException("'" + column + "' is not a column; the columns are " + columns);
        }
        return position;
    }

    private static List<String> key(List<String> row, int[] positions) {
        String[] key = new String[positions.length];
        for (int k = 0; k < positions.length; k++) {
            key[k] = row.get(positions[k]);
        }
        return List.of(key);
    }

    private static Map<String, Integer> indexColumns(List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("column " + i + " has an empty name; columns are " + columns);
            }
            if (index.put(name, i) != null) {
                throw new IllegalArgumentException("column name '" + name + "' is repeated in " + columns);
            }
        }
        return Map.copyOf(index);
    }

    /** One row of a {@link ResultTable}: its cells read by column name. */
    public final class Row {

        private final List<String> cells;

        private Row(List<String> cells) {
            this.cells = cells;
        }

        /** The cell text in {@code column}. */
        public String get(String column) {
            return cells.get(position(column));
        }

        /**
         * The cell in {@code column} parsed as a double ({@code NaN}, {@code Infinity} accepted).
         *
         * @throws IllegalArgumentException if the cell is not a number
         */
        public double getDouble(String column) {
            String text = get(column);
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException notNumber) {
                throw new IllegalArgumentException("column '" + column + "' holds '" + text + "', not a number",
                        notNumber);
            }
        }

        /**
         * The cell in {@code column} parsed as a long.
         *
         * @throws IllegalArgumentException if the cell is not an integer
         */
        public long getLong(String column) {
            String text = get(column);
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException notInteger) {
                throw new IllegalArgumentException("column '" + column + "' holds '" + text + "', not an integer",
                        notInteger);
            }
        }

        /** The key tuple of this row, as in {@link ResultTable#keys}. */
        public List<String> key(List<String> keyColumns) {
            return ResultTable.key(cells, positions(keyColumns));
        }

        /** Column name to cell text, in column order. */
        public Map<String, String> asMap() {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                map.put(columns.get(i), cells.get(i));
            }
            return Collections.unmodifiableMap(map);
        }

        @Override
        public String toString() {
            return asMap().toString();
        }
    }
}
