package difflab.analysis.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExponentialRateFitTest {

    /** {@code 0.3·e^(−0.7·t)·(1 + 1%·U)} for t = 0, 2, ..., 70, floored at 1e-15. */
    private static double[][] exponentialWithFloor() {
        SplittableRandom random = new SplittableRandom(3);
        double[] t = new double[36];
        double[] error = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = 2.0 * k;
            error[k] = 0.3 * Math.exp(-0.7 * t[k]) * (1 + 0.01 * (2 * random.nextDouble() - 1));
        }
        return new double[][] {t, Synthetic.withFloor(error, 1e-15, 0.1, 4)};
    }

    @Test
    void recoversRateAndExcludesFloor() {
        double[][] data = exponentialWithFloor();

        OrderFitResult fit = ExponentialRateFit.fit(data[0], data[1], 0.7);

        assertEquals(0.7, fit.order(), 0.01);
        assertEquals(FitModel.EXPONENTIAL, fit.model());
        assertTrue(fit.window().lastX() <= 48, "0.3·e^(−0.7·t) < 1e-15 from t ≈ 48: " + fit.window());
        assertTrue(fit.excluded().floor() >= 11, "t = 50 .. 70 are on the floor: " + fit.excluded());
        assertEquals(Verdict.MATCHES, fit.verdict());
        double naive = ExponentialRateFit.fitOver(data[0], data[1], 0, data[0].length, 0.7).order();
        assertTrue(naive < 0.55, "the floor must matter for this data, naive rate " + naive);
    }

    @Test
    void toleranceIsRelativeToTheNominalRate() {
        double[][] data = exponentialWithFloor();

        // 0.7 is 7.7% below 0.758 (within 10%) but 12.5% below 0.8
        assertEquals(Verdict.MATCHES, ExponentialRateFit.fit(data[0], data[1], 0.758).verdict());
        assertEquals(Verdict.BELOW, ExponentialRateFit.fit(data[0], data[1], 0.8).verdict());
        assertEquals(Verdict.ABOVE, ExponentialRateFit.fit(data[0], data[1], 0.6).verdict());
    }
}
