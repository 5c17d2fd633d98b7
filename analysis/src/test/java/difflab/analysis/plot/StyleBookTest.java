package difflab.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StyleBookTest {

    /** Names whose fixed styles share a colour (positions one palette length apart). */
    private static List<String> namesWithAColourTwice() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= StyleBook.COLORS.length; i++) {
            names.add("sampler-" + i);
        }
        return names;
    }

    @Test
    void twoKnownNamesOfOnePanelNeverShareAColour() {
        List<String> names = namesWithAColourTwice();
        StyleBook book = StyleBook.of(names);
        String first = names.get(0);
        String clash = names.get(StyleBook.COLORS.length);
        assertEquals(book.styleOf(first).color(), book.styleOf(clash).color(), "the fixed styles clash");
        List<SeriesStyle> panel = book.assign(List.of(first, clash));
        assertEquals(book.styleOf(first), panel.get(0), "the first keeps its fixed style");
        assertNotEquals(panel.get(0).color(), panel.get(1).color());
    }

    @Test
    void knownNamesWithoutAClashKeepTheirFixedStyles() {
        List<String> names = namesWithAColourTwice();
        StyleBook book = StyleBook.of(names);
        List<SeriesStyle> panel = book.assign(List.of(names.get(1), names.get(2)));
        assertEquals(List.of(book.styleOf(names.get(1)), book.styleOf(names.get(2))), panel);
    }
}
