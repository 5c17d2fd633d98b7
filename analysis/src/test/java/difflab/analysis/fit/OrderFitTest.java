package difflab.analysis.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OrderFitTest {

    private static final double[] N = Synthetic.powersOfTwo(2, 12);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void recoversKnownOrderFromNoisyPowerLaw(int p) {
        double[] error = Synthetic.powerLaw(N, 3.0, p, 0.01, 42 + p);

        OrderFitResult fit = OrderFit.fit(N, error, p);

        assertEquals(p, fit.order(), 0.02);
        assertEquals(N.length, fit.points(), "clean power law: every point is asymptotic");
        assertEquals(new Exclusions(0, 0, 0), fit.excluded());
        assertEquals(Math.log(3.0), fit.intercept(), 0.05);
        assertTrue(fit.rSquared() > 0.9999, "R² = " + fit.rSquared());
        assertEquals(Verdict.MATCHES, fit.verdict());
        assertEquals(FitModel.POWER_LAW, fit.model());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void windowExcludesPrecisionFloor(int p) {
        double[] n = Synthetic.powersOfTwo(1, 20);
        double floor = 1e-15;
        double c = floor * Math.pow(2, 14 * p); // C·N^(−p) reaches the floor at N = 2^14
        double[] error = Synthetic.withFloor(Synthetic.powerLaw(n, c, p, 0.01, 7), floor, 0.1, 11);

        OrderFitResult fit = OrderFit.fit(n, error, p);

        assertEquals(p, fit.order(), 0.1);
        assertTrue(fit.window().lastX() <= Math.scalb(1.0, 14), "window must stop at the floor: " + fit.window());
        assertTrue(fit.excluded().floor() >= 6, "N = 2^15 .. 2^20 are on the floor: " + fit.excluded());
        double naive = OrderFit.fitOver(n, error, 0, n.length).order();
        assertTrue(Math.abs(naive - p) > 0.3, "the floor must matter for this data, naive order " + naive);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void windowDropsPreAsymptoticPoints(int p) {
        double[] n = Synthetic.powersOfTwo(0, 12);
        double[] error = new double[n.length];
        for (int k = 0; k < n.length; k++) {
            error[k] = 2.0 * Math.pow(n[k], -p) * (1 + 5 / n[k]);
        }

        OrderFitResult fit = OrderFit.fit(n, error, p);

        assertEquals(p, fit.order(), 0.06);
        assertTrue(fit.excluded().preAsymptotic() >= 3, "N = 1, 2, 4 are pre-asymptotic: " + fit.excluded());
        assertEquals(fit.excluded().preAsymptotic(), fit.window().from());
        double naive = OrderFit.fitOver(n, error, 0, n.length).order();
        assertTrue(Math.abs(naive - p) > 0.1, "the pre-asymptotic points must matter for this data, naive " + naive);
    }

    @Test
    void confidenceIntervalHasNominalCoverage() {
        int trials = 400;
        int covered = 0;
        for (int trial = 0; trial < trials; trial++) {
            SplittableRandom random = new SplittableRandom(1000 + trial);
            double[] error = new double[N.length];
            for (int k = 0; k < N.length; k++) {
                error[k] = 0.5 * Math.pow(N[k], -2) * Math.exp(0.01 * random.nextGaussian());
            }
            OrderFitResult fit = OrderFit.fit(N, error, 2);
            if (fit.ciLower() <= 2 && 2 <= fit.ciUpper()) {
                covered++;
            }
        }
        double coverage = covered / (double) trials;
        // binomial sd at 0.95 over 400 trials is 0.011: a half-width off by 2x in either direction
        // gives coverage ~0.68 or ~0.9999
        assertTrue(coverage > 0.92 && coverage < 0.98, "coverage of the 95% interval: " + coverage);
    }

    @Test
    void slowerThanNominalIsMeasuredNotCutAway() {
        double[] error = Synthetic.powerLaw(N, 1.0, 1.0, 0.01, 5);

        OrderFitResult fit = OrderFit.fit(N, error, 2.0);

        assertEquals(N.length, fit.points());
        assertEquals(1.0, fit.order(), 0.02);
        assertEquals(Verdict.BELOW, fit.verdict());
    }

    @Test
    void invalidErrorsAreDroppedAndCounted() {
        double[] error = Synthetic.powerLaw(N, 1.0, 2.0, 0.0, 0);
        double[] dirty = error.clone();
        dirty[0] = Double.NaN;
        dirty[3] = 0.0;
        dirty[5] = -1e-3;
        dirty[7] = Double.POSITIVE_INFINITY;

        OrderFitResult fit = OrderFit.fit(N, dirty);

        assertEquals(2.0, fit.order(), 1e-12);
        assertEquals(4, fit.excluded().invalid());
        assertEquals(N.length - 4, fit.points());
        assertEquals(new FitWindow(1, N.length, N.length - 4, N[1], N[N.length - 1]), fit.window());
        assertEquals(Verdict.NO_NOMINAL, fit.verdict());
    }

    @Test
    void fitOverTheAutomaticWindowReproducesTheAutomaticFit() {
        double[] n = Synthetic.powersOfTwo(0, 12);
        double[] error = new double[n.length];
        for (int k = 0; k < n.length; k++) {
            error[k] = Math.pow(n[k], -2) * (1 + 5 / n[k]);
        }
        OrderFitResult auto = OrderFit.fit(n, error, 2);

        OrderFitResult fixed = OrderFit.fitOver(n, error, auto.window().from(), auto.window().to(), 2);

        assertEquals(auto.order(), fixed.order(), 0.0);
        assertEquals(auto.ciUpper(), fixed.ciUpper(), 0.0);
        assertEquals(auto.window(), fixed.window());
        assertEquals(new Exclusions(0, 0, 0), fixed.excluded());
    }

    @Test
    void twoPointWindowHasSlopeButNoInterval() {
        double[] error = Synthetic.powerLaw(N, 1.0, 2.0, 0.0, 0);

        OrderFitResult fit = OrderFit.fitOver(N, error, 4, 6, 2.0);

        assertEquals(2.0, fit.order(), 1e-12);
        assertTrue(Double.isNaN(fit.ciLower()) && Double.isNaN(fit.ciUpper()) && Double.isNaN(fit.halfWidth()));
        assertEquals(2, fit.points());
        assertEquals(Verdict.INCONCLUSIVE, fit.verdict());
    }

    @Test
    void automaticFitWithTooFewUsablePointsIsInconclusive() {
        double[] x = {1, 2, 4, 8};
        double[] error = {Double.NaN, 0.25, 0.0625, 0.0};

        OrderFitResult two = OrderFit.fit(x, error, 2.0);
        assertEquals(2.0, two.order(), 1e-12);
        assertEquals(Verdict.INCONCLUSIVE, two.verdict());

        OrderFitResult none = OrderFit.fit(x, new double[] {0, 0, Double.NaN, -1}, 2.0);
        assertTrue(Double.isNaN(none.order()));
        assertEquals(FitWindow.NONE, none.window());
        assertEquals(Verdict.INCONCLUSIVE, none.verdict());
    }

    @Test
    void rejectsBadAbscissaeNamingTheValue() {
        double[] error = {1, 0.5, 0.25};
        var notIncreasing = assertThrows(IllegalArgumentException.class,
                () -> OrderFit.fit(new double[] {1, 4, 2}, error));
        assertTrue(notIncreasing.getMessage().contains("x[2] = 2.0"), notIncreasing.getMessage());
        var nonPositive = assertThrows(IllegalArgumentException.class,
                () -> OrderFit.fit(new double[] {0, 1, 2}, error));
        assertTrue(nonPositive.getMessage().contains("x[0] = 0.0"), nonPositive.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OrderFit.fit(new double[] {1, 2}, error));
        assertThrows(IllegalArgumentException.class, () -> OrderFit.fitOver(N, N, 3, 3));
        assertThrows(IllegalArgumentException.class,
                () -> OrderFit.fit(N, N, Double.POSITIVE_INFINITY));
    }
}
