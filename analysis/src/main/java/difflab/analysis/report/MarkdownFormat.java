package difflab.analysis.report;

import java.math.BigInteger;
import java.util.Locale;

/**
 * How values are printed in the report.
 *
 * <ul>
 *   <li>integer types as they are ({@code 65536});
 *   <li>floating-point values that are whole numbers below {@link #LARGEST_PLAIN_INTEGER} in
 *       magnitude without a fraction ({@code 1024.0 → 1024}), since counts such as NFE are often
 *       stored as doubles;
 *   <li>other floating-point values with {@link #SIGNIFICANT_DIGITS} significant digits,
 *       {@code %g}-style: plain between {@code 1e-4} and {@code 1e4}, scientific outside
 *       ({@code 2.013}, {@code 0.0001235}, {@code 1.500e-07});
 *   <li>NaN as {@code n/a}, infinities as {@code inf} and {@code -inf}; {@code null} as empty.
 * </ul>
 * Text in table cells has {@code |} escaped and line breaks replaced by spaces.
 */
public final class MarkdownFormat {

    /** Significant digits of non-integral numbers. */
    public static final int SIGNIFICANT_DIGITS = 4;

    /** Whole floating-point values below this magnitude print as integers. */
    public static final double LARGEST_PLAIN_INTEGER = 1e15;

    /** What NaN prints as. */
    public static final String NOT_AVAILABLE = "n/a";

    private MarkdownFormat() {
    }

    /** {@code value} printed by the rules in the class comment. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return NOT_AVAILABLE;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < LARGEST_PLAIN_INTEGER) {
            return Long.toString((long) value);
        }
        return significant(value);
    }

    /**
     * {@code value} with {@link #SIGNIFICANT_DIGITS} significant digits even when it is a whole
     * number ({@code 2.0 → 2.000}): for measured quantities, whose printed digits state their
     * precision. NaN and infinities as in {@link #number}.
     */
    public static String significant(double value) {
        if (Double.isNaN(value)) {
            return NOT_AVAILABLE;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%." + SIGNIFICANT_DIGITS + "g", value);
    }

    /** {@code value} as a table cell: numbers by {@link #number}, anything else by its text. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Number number) {
            return number(number.doubleValue());
        }
        return value.toString().replace("|", "\\|").replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
