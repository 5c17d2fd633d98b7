package difflab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The continuous linear VP schedule (docs/ALGORITHMS.md §0.2): λ(1), round trip, VP identity, σ near α ≈ 1. */
class LinearVpScheduleTest {
    private final LinearVpSchedule schedule = LinearVpSchedule.standard();

    @Test
    void logAlphaIsThePublishedQuadratic() {
        for (double t : ScheduleChecks.logSpaced(1e-6, 1.0, 50)) {
            assertEquals(-(20.0 - 0.1) * t * t / 4 - 0.1 * t / 2, schedule.logAlpha(t), 1e-16);
        }
    }

    @Test
    void lambdaAtTIsAboutMinus5Point02() {
        // log α(1) = −19.9/4 − 0.05 = −5.025; λ = log α − ½ log(1 − α²) (docs/ALGORITHMS.md §7.6: λ_T ≈ −5.02)
        double expected = -5.025 - 0.5 * Math.log1p(-Math.exp(-10.05));
        assertEquals(expected, schedule.lambda(1.0), 1e-14);
        assertEquals(-5.02, schedule.lambda(1.0), 0.01);
        assertEquals(1.0, schedule.tMax(), 0.0);
    }

    @Test
    void roundTripHoldsTo1e12() {
        double worst = ScheduleChecks.roundTrip(schedule, ScheduleChecks.logSpaced(1e-4, 1.0, ScheduleChecks.POINTS));
        System.out.printf("linear-vp: worst round-trip relative error %.3e on [1e-4, 1]%n", worst);
    }

    @Test
    void vpIdentityAndAccurateSigma() {
        double[] times = ScheduleChecks.logSpaced(1e-12, 1.0, ScheduleChecks.POINTS);
        ScheduleChecks.vpIdentityHolds(schedule, times);
        double worst = ScheduleChecks.sigmaAccurate(schedule, times);
        System.out.printf("linear-vp: worst sigma relative error %.3e on [1e-12, 1]%n", worst);
    }

    @Test
    void badBetasAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LinearVpSchedule(0.1, 0.05));
        assertTrue(e.getMessage().contains("beta1=0.05"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LinearVpSchedule(0.0, 20.0));
        assertThrows(IllegalArgumentException.class, () -> new LinearVpSchedule(Double.NaN, 20.0));
    }
}
