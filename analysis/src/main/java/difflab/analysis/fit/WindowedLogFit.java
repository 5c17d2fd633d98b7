package difflab.analysis.fit;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The fitting machinery shared by {@link OrderFit} and {@link ExponentialRateFit}: validation, the
 * precision-floor and asymptotic-window rules documented on {@link OrderFit}, and the least-squares
 * line {@code v = intercept + slope·u} with {@code v = ln error} and {@code u} from {@link FitModel}.
 */
final class WindowedLogFit {

    private WindowedLogFit() {
    }

    /** Fit over the automatically chosen window. */
    static OrderFitResult auto(FitRules rules, double[] x, double[] error, double nominal) {
        validate(rules.model(), x, error, nominal);
        int[] valid = validIndices(error, 0, x.length);
        double[] u = abscissae(rules.model(), x, valid);
        double[] v = logErrors(error, valid);
        int end = valid.length - floorCount(u, v);
        int start = windowStart(u, v, end, rules.window());
        Exclusions excluded = new Exclusions(x.length - valid.length, valid.length - end, start);
        return fit(rules, x, valid, u, v, start, end, excluded, nominal);
    }

    /** Fit over the valid points with indices in {@code [from, to)}. */
    static OrderFitResult over(FitRules rules, double[] x, double[] error, int from, int to, double nominal) {
        validate(rules.model(), x, error, nominal);
        if (from < 0 || to > x.length || from >= to) {
            throw new IllegalArgumentException("window [" + from + ", " + to + ") is not a non-empty range inside [0, "
                    + x.length + ")");
        }
        int[] valid = validIndices(error, from, to);
        double[] u = abscissae(rules.model(), x, valid);
        double[] v = logErrors(error, valid);
        Exclusions excluded = new Exclusions(to - from - valid.length, 0, 0);
        return fit(rules, x, valid, u, v, 0, valid.length, excluded, nominal);
    }

    /**
     * Number of points at the large-x end that sit on the precision floor: the longest suffix of
     * points each of which is below {@link OrderFit#FLOOR_RELATIVE_TO_LARGEST} times the largest
     * error, or has stalled (see {@link OrderFit}). The first point never counts as floor.
     */
    static int floorCount(double[] u, double[] v) {
        int m = v.length;
        if (m < 2) {
            return 0;
        }
        double largest = Arrays.stream(v).max().orElseThrow();
        double floorLevel = largest + Math.log(OrderFit.FLOOR_RELATIVE_TO_LARGEST);
        double referenceSlope = referenceSlope(u, v);
        double[] runningMin = new double[m];
        runningMin[0] = v[0];
        for (int k = 1; k < m; k++) {
            runningMin[k] = Math.min(runningMin[k - 1], v[k]);
        }
        int end = m;
        while (end > 1) {
            int k = end - 1;
            boolean belowLevel = v[k] <= floorLevel;
            boolean stalled = referenceSlope > 0
                    && runningMin[k - 1] - v[k] < OrderFit.FLOOR_STALL_FRACTION * referenceSlope * (u[k] - u[k - 1]);
            if (!belowLevel && !stalled) {
                break;
            }
            end--;
        }
        return m - end;
    }

    /**
     * The median local slope {@code −Δv/Δu} over the consecutive pairs up to the first point of
     * smallest error; NaN when the smallest error is at the first point (no decreasing trend).
     */
    static double referenceSlope(double[] u, double[] v) {
        int argMin = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] < v[argMin]) {
                argMin = k;
            }
        }
        if (argMin == 0) {
            return Double.NaN;
        }
        double[] slopes = new double[argMin];
        for (int k = 1; k <= argMin; k++) {
            slopes[k - 1] = localSlope(u, v, k);
        }
        Arrays.sort(slopes);
        int mid = slopes.length / 2;
        return slopes.length % 2 == 1 ? slopes[mid] : (slopes[mid - 1] + slopes[mid]) / 2;
    }

    /**
     * Start of the asymptotic window ending at {@code end}: begin with the last
     * {@link OrderFit#MIN_WINDOW_POINTS} points, then prepend points while the local slope between
     * the candidate and the window's first point is within {@code tolerance} of the slope fitted on
     * the window so far.
     */
    static int windowStart(double[] u, double[] v, int end, Tolerance tolerance) {
        if (end < OrderFit.MIN_WINDOW_POINTS) {
            return 0;
        }
        int start = end - OrderFit.MIN_WINDOW_POINTS;
        SimpleRegression regression = new SimpleRegression();
        for (int k = start; k < end; k++) {
            regression.addData(u[k], v[k]);
        }
        while (start > 0) {
            double windowSlope = -regression.getSlope();
            double candidateSlope = localSlope(u, v, start);
            if (Math.abs(candidateSlope - windowSlope) > tolerance.at(windowSlope)) {
                break;
            }
            start--;
            regression.addData(u[start], v[start]);
        }
        return start;
    }

    /** {@code −(v[k] − v[k−1]) / (u[k] − u[k−1])}. */
    private static double localSlope(double[] u, double[] v, int k) {
        return -(v[k] - v[k - 1]) / (u[k] - u[k - 1]);
    }

    private static OrderFitResult fit(FitRules rules, double[] x, int[] valid, double[] u, double[] v, int start,
            int end, Exclusions excluded, double nominal) {
        int points = end - start;
        FitWindow window = points == 0 ? FitWindow.NONE
                : new FitWindow(valid[start], valid[end - 1] + 1, points, x[valid[start]], x[valid[end - 1]]);
        SimpleRegression regression = new SimpleRegression();
        for (int k = start; k < end; k++) {
            regression.addData(u[k], v[k]);
        }
        double order = -regression.getSlope();
        double halfWidth = points >= OrderFit.MIN_WINDOW_POINTS ? regression.getSlopeConfidenceInterval() : Double.NaN;
        double lower = order - halfWidth;
        double upper = order + halfWidth;
        Verdict verdict = Verdict.judge(order, lower, upper, points, nominal, rules.match().at(nominal),
                rules.maxMatchingHalfWidth().at(nominal));
        return new OrderFitResult(rules.model(), order, lower, upper, regression.getRSquare(),
                regression.getIntercept(), window, excluded, nominal, verdict);
    }

    private static void validate(FitModel model, double[] x, double[] error, double nominal) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(error, "error");
        if (x.length != error.length) {
            throw new IllegalArgumentException("x and error must have the same length, got " + x.length + " and "
                    + error.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || (model == FitModel.POWER_LAW && x[i] <= 0)) {
                throw new IllegalArgumentException("x[" + i + "] = " + x[i] + " is not accepted; a "
                        + model + " fit needs finite" + (model == FitModel.POWER_LAW ? ", positive" : "") + " x");
            }
            if (i > 0 && x[i] <= x[i - 1]) {
                throw new IllegalArgumentException("x must be strictly increasing, got x[" + i + "] = " + x[i]
                        + " after x[" + (i - 1) + "] = " + x[i - 1]);
            }
        }
        if (Double.isInfinite(nominal)) {
            throw new IllegalArgumentException("nominal = " + nominal + " is not accepted; pass a finite value or NaN "
                    + "for none");
        }
    }

    private static int[] validIndices(double[] error, int from, int to) {
        int[] valid = new int[to - from];
        int count = 0;
        for (int i = from; i < to; i++) {
            if (Double.isFinite(error[i]) && error[i] > 0) {
                valid[count++] = i;
            }
        }
        return Arrays.copyOf(valid, count);
    }

    private static double[] abscissae(FitModel model, double[] x, int[] valid) {
        double[] u = new double[valid.length];
        for (int k = 0; k < valid.length; k++) {
            u[k] = model.abscissa(x[valid[k]]);
        }
        return u;
    }

    private static double[] logErrors(double[] error, int[] valid) {
        double[] v = new double[valid.length];
        for (int k = 0; k < valid.length; k++) {
            v[k] = Math.log(error[valid[k]]);
        }
        return v;
    }
}
