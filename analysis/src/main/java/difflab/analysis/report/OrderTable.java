package difflab.analysis.report;

import difflab.analysis.fit.FitWindow;
import difflab.analysis.fit.OrderFitResult;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The report's table of measured against nominal orders (or rates), one row per sampler:
 * <pre>
 * | sampler | nominal | measured | 95% CI | R² | window (NFE) | verdict |
 * </pre>
 * The nominal value is printed by {@link MarkdownFormat#number}, the measured value and the CI
 * ({@code [lower, upper]}, {@code n/a} for a 2-point window) by {@link MarkdownFormat#significant}, {@code R²} with {@link #R_SQUARED_DECIMALS} decimals, the window as
 * {@code first–last (k pts)} of its abscissa, the verdict in lower case.
 */
public final class OrderTable {

    /** Decimals of R², which is usually within 1e-3 of 1. */
    public static final int R_SQUARED_DECIMALS = 4;

    /**
     * One row: a sampler and its fit (which carries the nominal value).
     *
     * @param samplerId the sampler's stable id
     * @param fit       its fit
     */
    public record Entry(String samplerId, OrderFitResult fit) {
        public Entry {
            Objects.requireNonNull(samplerId, "samplerId");
            Objects.requireNonNull(fit, "fit");
        }
    }

    private OrderTable() {
    }

    /**
     * The table for these entries.
     *
     * @param entries       the rows, in order
     * @param abscissaName  what x is, for the window column title: {@code "NFE"}, {@code "steps"}, {@code "T"}
     */
    public static MarkdownTable of(List<Entry> entries, String abscissaName) {
        List<String> header = List.of("sampler", "nominal", "measured", "95% CI", "R²",
                "window (" + MarkdownFormat.cell(abscissaName) + ")", "verdict");
        List<List<String>> rows = entries.stream().map(OrderTable::row).toList();
        return new MarkdownTable(header, rows);
    }

    private static List<String> row(Entry entry) {
        OrderFitResult fit = entry.fit();
        String interval = Double.isNaN(fit.ciLower()) ? MarkdownFormat.NOT_AVAILABLE
                : "[" + MarkdownFormat.significant(fit.ciLower()) + ", " + MarkdownFormat.significant(fit.ciUpper())
                        + "]";
        String rSquared = Double.isNaN(fit.rSquared()) ? MarkdownFormat.NOT_AVAILABLE
                : String.format(Locale.ROOT, "%." + R_SQUARED_DECIMALS + "f", fit.rSquared());
        return List.of(MarkdownFormat.cell(entry.samplerId()), MarkdownFormat.number(fit.nominal()),
                MarkdownFormat.significant(fit.order()), interval, rSquared, window(fit.window()),
                fit.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    private static String window(FitWindow window) {
        if (window.points() == 0) {
            return "none";
        }
        return MarkdownFormat.number(window.firstX()) + "–" + MarkdownFormat.number(window.lastX()) + " ("
                + window.points() + " pts)";
    }
}
