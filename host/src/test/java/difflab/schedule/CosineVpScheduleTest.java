package difflab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cosine VP schedule (docs/ALGORITHMS.md §0.2, §7.6): end time and λ clipping, round trip, accuracy near α ≈ 1. */
class CosineVpScheduleTest {
    private final CosineVpSchedule schedule = new CosineVpSchedule();
    private static final double S = CosineVpSchedule.S;
    private static final double THETA_0 = S / (1 + S) * Math.PI / 2;

    /** The published forward map log cos θ<sub>t</sub> − log cos θ<sub>0</sub>, accurate where α is not close to 1. */
    private static double publishedLogAlpha(double t) {
        return Math.log(Math.cos((t + S) / (1 + S) * Math.PI / 2)) - Math.log(Math.cos(THETA_0));
    }

    @Test
    void endTimeIsMinOf09946AndTheClippedLambdaTime() {
        double tClip = schedule.timeOfLambda(CosineVpSchedule.CLIPPED_LAMBDA);
        assertEquals(Math.min(0.9946, tClip), schedule.tMax(), 0.0);
        assertEquals(CosineVpSchedule.CLIPPED_LAMBDA, schedule.lambda(tClip), 1e-12);
        assertTrue(schedule.lambda(schedule.tMax()) >= -5.1, "lambda(T)=" + schedule.lambda(schedule.tMax()));
        System.out.printf("cosine-vp: T=%.6f, lambda(T)=%.6f, t(-5.1)=%.6f%n", schedule.tMax(),
                schedule.lambda(schedule.tMax()), tClip);
    }

    @Test
    void agreesWithThePublishedFormulasWhereTheyAreAccurate() {
        for (double t : ScheduleChecks.logSpaced(0.05, 0.9946, 100)) {
            // the published difference of logs carries an absolute error of a few ulp of 1
            assertEquals(publishedLogAlpha(t), schedule.logAlpha(t), 1e-15 + 1e-14 * Math.abs(publishedLogAlpha(t)),
                    "t=" + t);
        }
        for (double lambda = -5.1; lambda <= 2.0; lambda += 0.01) {
            double logAlpha = -0.5 * Math.log1p(Math.exp(-2 * lambda));
            double published = Math.acos(Math.exp(logAlpha) * Math.cos(THETA_0)) * 2 * (1 + S) / Math.PI - S;
            assertEquals(published, schedule.timeOfLambda(lambda), 1e-13 * published, "lambda=" + lambda);
        }
    }

    @Test
    void roundTripHoldsTo1e12() {
        double worst = ScheduleChecks.roundTrip(schedule,
                ScheduleChecks.logSpaced(1e-4, schedule.tMax(), ScheduleChecks.POINTS));
        System.out.printf("cosine-vp: worst round-trip relative error %.3e on [1e-4, T]%n", worst);
    }

    @Test
    void vpIdentityAndAccurateSigma() {
        double[] times = ScheduleChecks.logSpaced(1e-12, schedule.tMax(), ScheduleChecks.POINTS);
        ScheduleChecks.vpIdentityHolds(schedule, times);
        ScheduleChecks.sigmaAccurate(schedule, times);
        // independent closed form: σ² = 1 − cos²θ/cos²θ₀ = sin δ · sin(2θ₀ + δ)/cos²θ₀ with δ = t·π/(2(1+s))
        double worst = 0;
        for (double t : times) {
            double delta = t * Math.PI / (2 * (1 + S));
            double exact = Math.sqrt(Math.sin(delta) * Math.sin(2 * THETA_0 + delta)) / Math.cos(THETA_0);
            double rel = Math.abs(schedule.sigma(t) - exact) / exact;
            worst = Math.max(worst, rel);
            assertTrue(rel < 1e-13, "sigma(" + t + ")=" + schedule.sigma(t) + " vs " + exact);
        }
        System.out.printf("cosine-vp: worst sigma relative error vs sin-product form %.3e on [1e-12, T]%n", worst);
    }
}
