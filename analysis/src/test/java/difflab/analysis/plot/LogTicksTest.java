package difflab.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogTicksTest {

    private static List<String> labels(double lower, double upper) {
        return LogTicks.of(lower, upper).stream().filter(LogTicks.Tick::labelled).map(LogTicks.Tick::label).toList();
    }

    @ParameterizedTest
    @CsvSource({"3e-5, 6e-5", "6, 12", "0.002, 0.04", "1e-4, 0.1", "1e-7, 10", "1, 1.05", "0.13, 0.34", "0.125, 0.33", "4, 3072", "1e-12, 1e3"})
    void everyRangeGetsAtLeastThreeLabels(double lower, double upper) {
        List<String> l = labels(lower, upper);
        assertTrue(l.size() >= LogTicks.MIN_LABELS, lower + ".." + upper + " labelled " + l);
        assertTrue(l.size() <= 12, lower + ".." + upper + " labelled " + l);
        assertEquals(l.size(), l.stream().distinct().count(), "labels repeat: " + l);
    }

    @Test
    void spansUnderTwoDecadesLabelMinorTicks() {
        assertEquals(List.of("0.002", "0.005", "0.01", "0.02"), labels(0.002, 0.04));
        assertEquals(List.of("6", "7", "8", "9", "10"), labels(5.5, 10.5));
        assertEquals(List.of("3×10⁻⁵", "4×10⁻⁵", "5×10⁻⁵", "6×10⁻⁵"), labels(3e-5, 6e-5));
        assertEquals(4, labels(1e-4, 0.1).size());
        assertEquals(List.of("7", "10", "20"), labels(5.5, 21));
    }

    @Test
    void longSpansLabelDecadesOnlyAndThinThemOut() {
        assertEquals(List.of("10⁻⁷", "10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹"), labels(1e-7, 0.1));
        assertEquals(List.of("10⁻⁶", "10⁻⁴", "10⁻²", "10⁰"), labels(1e-7, 10));
        assertEquals(List.of("10⁻¹²", "10⁻⁹", "10⁻⁶", "10⁻³", "10⁰", "10³"), labels(1e-12, 1e3));
        assertEquals(List.of("10", "100", "1000"), labels(3, 3500));
    }

    @Test
    void minorTicksStayUnlabelledOnLongSpans() {
        long minor = LogTicks.of(1e-4, 1).stream().filter(t -> !t.labelled()).count();
        assertEquals(4 * 8, minor);
    }

    @Test
    void veryShortSpansFallBackToEvenSteps() {
        assertEquals(List.of("1", "1.02", "1.04"), labels(1, 1.05));
    }

    @Test
    void labelsUseSuperscriptsOutsidePlainRange() {
        assertEquals("3×10⁻⁵", LogTicks.label(3e-5, false));
        assertEquals("10⁻⁵", LogTicks.label(1e-5, false));
        assertEquals("0.005", LogTicks.label(0.005, true));
    }

    @Test
    void rejectsEmptyOrNonPositiveRanges() {
        assertThrows(IllegalArgumentException.class, () -> LogTicks.of(0, 1));
        assertThrows(IllegalArgumentException.class, () -> LogTicks.of(2, 1));
    }
}
