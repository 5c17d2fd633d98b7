package difflab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Discrete DDPM schedules in DPM-Solver's convention (docs/ALGORITHMS.md §0.2, VERIFIED): knots t<sub>n</sub> = (n+1)/N,
 * log α<sub>n</sub> = ½ Σ<sub>k≤n</sub> log(1−β<sub>k</sub>), log α linear in t between knots, λ clipped at −5.1.
 */
class DiscreteScheduleTest {
    private final DiscreteSchedule ddpm = DiscreteSchedule.ddpmLinear();

    private static double[] ddpmBetas() {
        double[] b = new double[1000];
        for (int k = 0; k < 1000; k++) {
            b[k] = 1e-4 + (0.02 - 1e-4) * k / 999.0;
        }
        return b;
    }

    @Test
    void knotsAreAtNPlusOneOverNWithHalfCumulativeLogOfOneMinusBeta() {
        double[] betas = ddpmBetas();
        double[] knots = ddpm.knotTimes();
        assertEquals(1000, knots.length, "linear DDPM beta never reaches lambda < -5.1, so nothing is clipped");
        double sum = 0;
        for (int n = 0; n < 1000; n++) {
            sum += Math.log1p(-betas[n]);
            assertEquals((n + 1) / 1000.0, knots[n], 1e-16);
            assertEquals(0.5 * sum, ddpm.logAlpha(knots[n]), 1e-13 * Math.abs(sum));
            assertEquals(Math.exp(sum), ddpm.alphaBarAtKnot(n), 1e-12 * Math.exp(sum));
        }
        assertEquals(1.0, ddpm.tMax(), 0.0);
        assertEquals(1e-3, ddpm.tMinDefault(), 0.0);
        assertEquals(-5.0588, ddpm.lambda(1.0), 1e-4);
        System.out.printf("ddpm-linear: lambda(1)=%.6f, lambda(1e-3)=%.6f%n", ddpm.lambda(1.0), ddpm.lambda(1e-3));
    }

    @Test
    void logAlphaIsPiecewiseLinearBetweenKnotsAndExtrapolatedBelowTheFirst() {
        double[] knots = ddpm.knotTimes();
        for (int n : new int[] {0, 1, 10, 500, 998}) {
            double a = ddpm.logAlpha(knots[n]);
            double b = ddpm.logAlpha(knots[n + 1]);
            for (double w : new double[] {0.25, 0.5, 0.9}) {
                double t = knots[n] + w * (knots[n + 1] - knots[n]);
                assertEquals(a + w * (b - a), ddpm.logAlpha(t), 1e-15 + 1e-12 * Math.abs(a), "t=" + t);
            }
        }
        // below t_0 = 1/N the first segment is extended (DPM-Solver interpolate_fn)
        double slope = (ddpm.logAlpha(knots[1]) - ddpm.logAlpha(knots[0])) / (knots[1] - knots[0]);
        double t = 0.5e-3;
        assertEquals(ddpm.logAlpha(knots[0]) + slope * (t - knots[0]), ddpm.logAlpha(t), 1e-17);
    }

    @Test
    void roundTripHoldsTo1e12() {
        double[] times = ScheduleChecks.logSpaced(ddpm.tMinDefault(), 1.0, ScheduleChecks.POINTS);
        double worst = Math.max(ScheduleChecks.roundTrip(ddpm, times), ScheduleChecks.roundTrip(ddpm, ddpm.knotTimes()));
        System.out.printf("ddpm-linear: worst round-trip relative error %.3e on [1e-3, 1] and the knots%n", worst);
    }

    @Test
    void vpIdentityAndAccurateSigma() {
        double[] times = ScheduleChecks.logSpaced(ddpm.tMin(), 1.0, ScheduleChecks.POINTS);
        ScheduleChecks.vpIdentityHolds(ddpm, times);
        ScheduleChecks.sigmaAccurate(ddpm, times);
    }

    /** β rising to 0.08 pushes λ below −5.1: those knots go, and the rest are re-spaced to (n+1)/N' as DPM-Solver does. */
    @Test
    void lambdaBelowTheClipDropsKnotsAndRespacesTheRest() {
        int n = 400;
        double[] betas = new double[n];
        for (int k = 0; k < n; k++) {
            betas[k] = 1e-4 + (0.08 - 1e-4) * k / (n - 1.0);
        }
        DiscreteSchedule s = DiscreteSchedule.fromBetasDpmSolver("steep", betas);
        double[] knots = s.knotTimes();
        int kept = knots.length;
        assertTrue(kept < n && kept > 2, "kept " + kept);
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.log1p(-betas[k]);
            double lambda = 0.5 * sum - 0.5 * Math.log(-Math.expm1(sum));
            assertEquals(k < kept, lambda >= DiscreteSchedule.CLIPPED_LAMBDA, "knot " + k + " lambda " + lambda);
            if (k < kept) {
                assertEquals((k + 1.0) / kept, knots[k], 1e-16);
                assertEquals(0.5 * sum, s.logAlpha(knots[k]), 1e-13 * Math.abs(sum));
            }
        }
        assertEquals(1.0, s.tMax(), 0.0);
        assertEquals(1.0 / kept, s.tMinDefault(), 0.0);
        assertTrue(s.lambda(s.tMax()) >= DiscreteSchedule.CLIPPED_LAMBDA);
        ScheduleChecks.roundTrip(s, ScheduleChecks.logSpaced(s.tMinDefault(), 1.0, 100));
    }

    /** Below the first knot the extrapolated log α would become positive (σ = NaN below t ≈ 1.7e-4): rejected. */
    @Test
    void timesBelowTheFirstKnotAreRejected() {
        assertEquals(1e-3, ddpm.tMin(), 0.0);
        ddpm.requireTime("t_0", 1e-3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ddpm.requireTime("t_0", 1e-4));
        assertTrue(e.getMessage().contains("t_0=1.0E-4") && e.getMessage().contains("accepted [0.001, 1.0]"),
                e.getMessage());
        assertTrue(ddpm.logAlpha(1.6e-4) > 0, "the extrapolation this guards against");
    }

    @Test
    void badBetasAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiscreteSchedule.fromBetasDpmSolver("x", new double[] {0.1, 1.0}));
        assertTrue(e.getMessage().contains("beta_2=1.0") && e.getMessage().contains("(0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DiscreteSchedule.fromBetasDpmSolver("x", new double[] {0.1}));
        assertThrows(IllegalArgumentException.class,
                () -> DiscreteSchedule.fromBetasDpmSolver("x", new double[] {0.1, Double.NaN}));
    }

    @Test
    void unknownScheduleNameListsTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.byName("vp", 10));
        assertTrue(e.getMessage().contains("'vp'"), e.getMessage());
        for (String name : Schedules.NAMES) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
            assertEquals(name, Schedules.byName(name, 100).id().split("\\(")[0]);
        }
    }
}
