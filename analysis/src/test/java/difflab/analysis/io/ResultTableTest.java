package difflab.analysis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTableTest {

    private enum Precision { FP64 }

    private static final List<String> KEY = List.of("sampler", "steps");

    private static Map<String, Object> row(String sampler, int steps, double error) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sampler", sampler);
        row.put("steps", steps);
        row.put("error", error);
        return row;
    }

    private static ResultTable threeRows() {
        return ResultTable.withColumns("sampler", "steps", "error")
                .withRows(List.of(row("ddim", 8, 0.1), row("ddim", 16, 0.05), row("heun", 8, 0.01)));
    }

    @Test
    void csvRoundTripIsExact(@TempDir Path dir) throws IOException {
        Map<String, Object> awkward = new HashMap<>();
        awkward.put("text", "comma, \"quote\"\nnew line é ");
        awkward.put("value", 0.1 + 0.2);
        awkward.put("count", Long.MAX_VALUE);
        awkward.put("flag", Precision.FP64);
        Map<String, Object> extremes = new HashMap<>();
        extremes.put("text", "");
        extremes.put("value", Double.NaN);
        extremes.put("count", -1);
        Map<String, Object> tiny = new HashMap<>();
        tiny.put("value", Double.MIN_VALUE);
        tiny.put("text", null);
        ResultTable table = ResultTable.withColumns("text", "value", "count", "flag")
                .withRows(List.of(awkward, extremes, tiny));
        Path file = dir.resolve("runs.csv");

        table.writeCsv(file);
        ResultTable back = ResultTable.readCsv(file);

        assertEquals(table, back);
        assertEquals(List.of("text", "value", "count", "flag"), back.columns());
        assertEquals(0.1 + 0.2, back.row(0).getDouble("value"), 0.0);
        assertEquals(Long.MAX_VALUE, back.row(0).getLong("count"));
        assertEquals("FP64", back.row(0).get("flag"));
        assertTrue(Double.isNaN(back.row(1).getDouble("value")));
        assertEquals(Double.MIN_VALUE, back.row(2).getDouble("value"), 0.0);
        assertEquals("", back.row(2).get("flag"), "a column left out is empty");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("text,value,count,flag\r\n\"comma, \"\"quote\"\"\nnew line é \",0.30000000000000004,"),
                text);
    }

    @Test
    void keysAreTheKeyTuplesPresent() {
        assertEquals(Set.of(List.of("ddim", "8"), List.of("ddim", "16"), List.of("heun", "8")),
                threeRows().keys(KEY));
        assertTrue(threeRows().keys(KEY).contains(ResultTable.keyOf(row("heun", 8, 0.5), KEY)));
        assertTrue(!threeRows().keys(KEY).contains(ResultTable.keyOf(row("heun", 16, 0.5), KEY)));
    }

    @Test
    void upsertReplacesInPlaceAndAppendsNewKeys() {
        ResultTable merged = threeRows().upsert(List.of(row("heun", 16, 0.002), row("ddim", 16, 0.04)), KEY);

        assertEquals(4, merged.size());
        assertEquals(List.of(List.of("ddim", "8"), List.of("ddim", "16"), List.of("heun", "8"), List.of("heun", "16")),
                merged.rows().stream().map(r -> r.key(KEY)).toList());
        assertEquals(0.04, merged.row(1).getDouble("error"), 0.0);
        assertEquals(0.002, merged.row(3).getDouble("error"), 0.0);
        assertEquals(0.05, threeRows().row(1).getDouble("error"), 0.0, "the original is unchanged");
    }

    @Test
    void upsertCollapsesDuplicateKeysAndLastNewRowWins() {
        ResultTable duplicated = threeRows().withRow(row("ddim", 8, 0.3));

        ResultTable merged = duplicated.upsert(List.of(row("ddim", 8, 0.2), row("ddim", 8, 0.15)), KEY);

        assertEquals(3, merged.size());
        assertEquals(List.of("ddim", "8"), merged.row(0).key(KEY));
        assertEquals(0.15, merged.row(0).getDouble("error"), 0.0);
    }

    @Test
    void rejectsUnknownColumnsNamingThemAndTheAcceptedOnes() {
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> threeRows().withRow(Map.of("sampler", "ddim", "nfe", 3)));
        assertTrue(unknown.getMessage().contains("'nfe'") && unknown.getMessage().contains("[sampler, steps, error]"),
                unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> threeRows().keys(List.of("steps", "dim")));
        assertThrows(IllegalArgumentException.class, () -> ResultTable.withColumns("a", "b", "a"));
        var badType = assertThrows(IllegalArgumentException.class,
                () -> threeRows().withRow(Map.of("error", new double[] {1})));
        assertTrue(badType.getMessage().contains("[D"), badType.getMessage());
        assertThrows(IllegalArgumentException.class, () -> threeRows().row(0).getDouble("sampler"));
    }

    @Test
    void raggedCsvIsRejectedWithTheLineNumber(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "a,b\r\n1,2\r\n3\r\n");

        IOException failure = assertThrows(IOException.class, () -> ResultTable.readCsv(file));
        assertTrue(failure.getMessage().contains(file + ": line 3: the record has 1 fields"), failure.getMessage());
    }

    @Test
    void rewritingLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("results").resolve("runs.csv");
        threeRows().writeCsv(file);
        ResultTable bigger = threeRows().withRow(row("res", 4, 1e-3));

        bigger.writeCsv(file);

        assertEquals(bigger, ResultTable.readCsv(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void corruptCsvIsReportedWithFileLineAndProblemInWords(@TempDir Path dir) throws Exception {
        Path quote = dir.resolve("quote.csv");
        Files.writeString(quote, "a,b\n1,2\n3,\"4\"x\n");
        IOException bad = assertThrows(IOException.class, () -> ResultTable.readCsv(quote));
        assertTrue(bad.getMessage().startsWith(quote + ": line 3: "), bad.getMessage());
        assertTrue(!bad.getMessage().contains("org.apache") && !bad.getMessage().contains("Exception"),
                bad.getMessage());

        Path fields = dir.resolve("fields.csv");
        Files.writeString(fields, "a,b\n1,2\n3,4\n5\n");
        IOException short_ = assertThrows(IOException.class, () -> ResultTable.readCsv(fields));
        assertEquals(fields + ": line 4: the record has 1 fields, the header has 2", short_.getMessage());

        Path binary = dir.resolve("binary.csv");
        Files.write(binary, new byte[] {'a', ',', 'b', '\n', '1', ',', (byte) 0xff, '\n'});
        IOException notText = assertThrows(IOException.class, () -> ResultTable.readCsv(binary));
        assertEquals(binary + ": line 2: not UTF-8 text (byte 7)", notText.getMessage());
    }
}
