package difflab.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MarkdownFormatTest {

    @Test
    void numbersGetFourSignificantDigitsAndWholeNumbersStayWhole() {
        assertEquals("2.013", MarkdownFormat.number(2.0134567));
        assertEquals("0.5000", MarkdownFormat.number(0.5));
        assertEquals("0.0001235", MarkdownFormat.number(1.23456e-4));
        assertEquals("1.500e-07", MarkdownFormat.number(1.5e-7));
        assertEquals("1.235e+04", MarkdownFormat.number(12345.6));
        assertEquals("65536", MarkdownFormat.number(65536.0));
        assertEquals("-3", MarkdownFormat.number(-3.0));
        assertEquals("0", MarkdownFormat.number(-0.0));
        assertEquals("1.000e+20", MarkdownFormat.number(1e20));
        assertEquals("n/a", MarkdownFormat.number(Double.NaN));
        assertEquals("-inf", MarkdownFormat.number(Double.NEGATIVE_INFINITY));
    }

    @Test
    void measuredValuesKeepTheirDigits() {
        assertEquals("2.000", MarkdownFormat.significant(2.0));
        assertEquals("0.9957", MarkdownFormat.significant(0.99574758));
        assertEquals("n/a", MarkdownFormat.significant(Double.NaN));
    }

    @Test
    void cellsFormatNumbersAndEscapeText() {
        assertEquals("1099511627776", MarkdownFormat.cell(1L << 40));
        assertEquals("0.1000", MarkdownFormat.cell(0.1f));
        assertEquals("2.500", MarkdownFormat.cell(new BigDecimal("2.5")));
        assertEquals("a \\| b c", MarkdownFormat.cell("a | b\nc"));
        assertEquals("", MarkdownFormat.cell(null));
    }
}
