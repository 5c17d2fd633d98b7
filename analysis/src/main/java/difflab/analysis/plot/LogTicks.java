package difflab.analysis.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Readable tick positions and labels for a logarithmic axis over {@code [lower, upper]}.
 *
 * <p>Spans of two decades or more are labelled at powers of ten (every second or third decade when there are
 * more than {@value #MAX_DECADE_LABELS}), with unlabelled minor ticks at 2–9 × 10^k. Shorter spans also label
 * minor ticks, the first of these mantissa sets that gives at least {@value #MIN_LABELS} labels:
 * {1, 2, 5}, {1, 2, 3, 5}, {1, 2, 3, 5, 7}, {1, …, 9}; a span too short for any of them (under about a tenth of a decade) gets
 * evenly spaced labels instead. Labels are plain decimals when every label lies in [10⁻³, 10⁴], otherwise
 * {@code m×10ᵉ} (or {@code 10ᵉ}) with Unicode superscripts.
 */
public final class LogTicks {
    /** The fewest labelled ticks an axis gets. */
    public static final int MIN_LABELS = 3;
    /** Above this many decades, only every second (third, …) decade is labelled. */
    public static final int MAX_DECADE_LABELS = 7;

    private static final int[][] MANTISSA_SETS = {{1, 2, 5}, {1, 2, 3, 5}, {1, 2, 3, 5, 7}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};

    /** One tick: its value and its label ({@code ""} for an unlabelled minor tick). */
    public record Tick(double value, String label) {
        /** Whether the tick carries a label. */
        public boolean labelled() {
            return !label.isEmpty();
        }
    }

    private LogTicks() {
    }

    /** The ticks of a log axis from {@code lower} to {@code upper} (both finite, {@code 0 < lower < upper}). */
    public static List<Tick> of(double lower, double upper) {
        if (!(lower > 0) || !(upper > lower) || Double.isInfinite(upper)) {
            throw new IllegalArgumentException("log axis range [" + lower + ", " + upper + "] is not accepted; it "
                    + "needs 0 < lower < upper < infinity");
        }
        TreeMap<Double, Boolean> ticks = new TreeMap<>();
        int firstDecade = (int) Math.floor(Math.log10(lower));
        int lastDecade = (int) Math.floor(Math.log10(upper));
        double span = Math.log10(upper / lower);
        if (span >= 2) {
            int decades = (int) Math.floor(Math.log10(upper) + 1e-9) - (int) Math.ceil(Math.log10(lower) - 1e-9) + 1;
            int stride = Math.max(1, (int) Math.ceil(decades / (double) MAX_DECADE_LABELS));
            for (int k = firstDecade; k <= lastDecade; k++) {
                for (int m = 1; m <= 9; m++) {
                    double v = m * Math.pow(10, k);
                    if (inside(v, lower, upper)) {
                        ticks.put(v, m == 1 && Math.floorMod(k, stride) == 0);
                    }
                }
            }
        } else {
            boolean labelled = false;
            for (int[] mantissas : MANTISSA_SETS) {
                ticks.clear();
                for (int k = firstDecade; k <= lastDecade; k++) {
                    for (int m = 1; m <= 9; m++) {
                        double v = m * Math.pow(10, k);
                        if (inside(v, lower, upper)) {
                            ticks.put(v, contains(mantissas, m));
                        }
                    }
                }
                if (ticks.values().stream().filter(b -> b).count() >= MIN_LABELS) {
                    labelled = true;
                    break;
                }
            }
            if (!labelled) {
                double step = niceStep((upper - lower) / (MIN_LABELS + 1));
                do {
                    ticks.clear();
                    for (double v = Math.ceil(lower / step) * step; v <= upper * (1 + 1e-12); v += step) {
                        ticks.put(round(v, 6), true);
                    }
                    step = smallerNiceStep(step);
                } while (ticks.size() < MIN_LABELS);
            }
        }
        List<Double> labelledValues = new ArrayList<>();
        ticks.forEach((v, l) -> {
            if (l) {
                labelledValues.add(v);
            }
        });
        boolean plain = labelledValues.stream().allMatch(v -> v >= 1e-3 && v < 1e4);
        List<Tick> out = new ArrayList<>();
        ticks.forEach((v, l) -> out.add(new Tick(v, l ? label(v, plain) : "")));
        return List.copyOf(out);
    }

    /** A tick label: a plain decimal, or {@code m×10ᵉ} with superscripts ({@code 10ᵉ} when {@code m = 1}). */
    static String label(double value, boolean plain) {
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        if (plain) {
            return rounded.toPlainString();
        }
        int exponent = (int) Math.floor(Math.log10(Math.abs(value)) + 1e-9);
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        String power = "10" + superscript(exponent);
        return mantissa.compareTo(BigDecimal.ONE) == 0 ? power : mantissa.toPlainString() + "×" + power;
    }

    private static String superscript(int exponent) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder sb = new StringBuilder(exponent < 0 ? "⁻" : "");
        for (char c : String.valueOf(Math.abs(exponent)).toCharArray()) {
            sb.append(digits.charAt(c - '0'));
        }
        return sb.toString();
    }

    private static boolean inside(double v, double lower, double upper) {
        return v >= lower * (1 - 1e-12) && v <= upper * (1 + 1e-12);
    }

    private static boolean contains(int[] values, int m) {
        for (int v : values) {
            if (v == m) {
                return true;
            }
        }
        return false;
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** The next nice step below {@code step} (…, 0.1, 0.05, 0.025, 0.02, 0.01, …). */
    private static double smallerNiceStep(double step) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
        double m = step / magnitude;
        return m > 5.01 ? 5 * magnitude : m > 2.51 ? 2.5 * magnitude : m > 2.01 ? 2 * magnitude : m > 1.01
                ? magnitude : 0.5 * magnitude;
    }

    private static double round(double v, int significant) {
        return new BigDecimal(v).round(new MathContext(significant)).doubleValue();
    }
}
