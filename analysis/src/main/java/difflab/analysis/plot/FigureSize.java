package difflab.analysis.plot;

import java.util.Locale;

/**
 * The printed width of a figure in inches (its height follows from the panels) and the resolution of its PNG.
 * One inch is 72 points, the unit of the vector files; fonts are set in points, so a figure printed at its
 * width shows 7–9 pt text.
 */
public record FigureSize(double widthInches, int pngDpi) {
    /** A single journal column, about 3.3 in. */
    public static final double SINGLE_COLUMN_INCHES = 3.3;
    /** A full page width (two columns), about 6.9 in. */
    public static final double DOUBLE_COLUMN_INCHES = 6.9;
    /** Default PNG resolution: readable on screen, small files. */
    public static final int DEFAULT_DPI = 150;

    /** Single column at the default resolution. */
    public static final FigureSize SINGLE = new FigureSize(SINGLE_COLUMN_INCHES, DEFAULT_DPI);
    /** Double column at the default resolution. */
    public static final FigureSize DOUBLE = new FigureSize(DOUBLE_COLUMN_INCHES, DEFAULT_DPI);

    public FigureSize {
        if (!(widthInches >= 2 && widthInches <= 20)) {
            throw new IllegalArgumentException("figure width " + widthInches + " in is not accepted; give 2 to 20 "
                    + "inches (single column " + SINGLE_COLUMN_INCHES + ", double column " + DOUBLE_COLUMN_INCHES + ")");
        }
        if (pngDpi < 50 || pngDpi > 1200) {
            throw new IllegalArgumentException("PNG resolution " + pngDpi + " dpi is not accepted; give 50 to 1200");
        }
    }

    /**
     * Parses {@code single}, {@code double} or a width in inches such as {@code 5} or {@code 5in}.
     *
     * @throws IllegalArgumentException naming the value and what is accepted
     */
    public static FigureSize parse(String text, int dpi) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("single")) {
            return new FigureSize(SINGLE_COLUMN_INCHES, dpi);
        }
        if (t.equals("double")) {
            return new FigureSize(DOUBLE_COLUMN_INCHES, dpi);
        }
        try {
            return new FigureSize(Double.parseDouble(t.endsWith("in") ? t.substring(0, t.length() - 2) : t), dpi);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("figure size '" + text + "' is not accepted; give single, double or a "
                    + "width in inches such as 5in");
        }
    }

    /** Width in points (1/72 in). */
    public double widthPoints() {
        return widthInches * 72;
    }

    /** Whether this is wide enough for two panels side by side. */
    boolean twoColumns() {
        return widthInches >= 5;
    }
}
