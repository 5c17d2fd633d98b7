package difflab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;

/** Checks every schedule must pass: VP identity, accurate σ near α ≈ 1, λ⁻¹(λ(t)) = t. */
final class ScheduleChecks {
    /** |α² + σ² − 1| allowed (a few ulp). */
    static final double VP_IDENTITY_TOLERANCE = 1e-15;
    /** Relative error of σ<sub>t</sub> against a 60-digit evaluation of sqrt(1 − e<sup>2 log α</sup>). */
    static final double SIGMA_RELATIVE_TOLERANCE = 1e-14;
    /** Relative error of the round trip t(λ(t)) (issue 2 §2). */
    static final double ROUND_TRIP_TOLERANCE = 1e-12;
    static final int POINTS = 400;
    private static final MathContext HIGH = new MathContext(60);

    private ScheduleChecks() {
    }

    /** Times log-spaced from lo to hi, both included. */
    static double[] logSpaced(double lo, double hi, int count) {
        double[] t = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (count - 1));
        }
        t[0] = lo;
        t[count - 1] = hi;
        return t;
    }

    static void vpIdentityHolds(NoiseSchedule s, double[] times) {
        for (double t : times) {
            double a = s.alpha(t);
            double sg = s.sigma(t);
            assertEquals(1.0, a * a + sg * sg, VP_IDENTITY_TOLERANCE, s.id() + " at t=" + t);
            assertEquals(Math.log(a / sg), s.lambda(t), 1e-13 * Math.max(1.0, Math.abs(s.lambda(t))),
                    s.id() + " lambda at t=" + t);
            assertEquals(Math.exp(-s.lambda(t)), s.noiseToSignal(t), 1e-14 * s.noiseToSignal(t));
        }
    }

    /** σ = sqrt(1 − exp(2 log α)) evaluated in 60-digit arithmetic from the schedule's own log α. */
    static double sigmaHighPrecision(double logAlpha) {
        BigDecimal u = new BigDecimal(2.0 * logAlpha);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal exp = BigDecimal.ONE;
        for (int n = 1; n < 2000; n++) {
            term = term.multiply(u, HIGH).divide(BigDecimal.valueOf(n), HIGH);
            exp = exp.add(term, HIGH);
            if (term.abs().compareTo(new BigDecimal("1e-55")) < 0 && n > Math.abs(u.doubleValue()) * 3) {
                break;
            }
        }
        return Math.sqrt(BigDecimal.ONE.subtract(exp, HIGH).doubleValue());
    }

    /** The worst relative error of σ over the times. */
    static double sigmaAccurate(NoiseSchedule s, double[] times) {
        double worst = 0;
        for (double t : times) {
            double exact = sigmaHighPrecision(s.logAlpha(t));
            double rel = Math.abs(s.sigma(t) - exact) / exact;
            worst = Math.max(worst, rel);
            assertTrue(rel <= SIGMA_RELATIVE_TOLERANCE, s.id() + ": sigma(" + t + ")=" + s.sigma(t) + " vs " + exact);
        }
        return worst;
    }

    /** The worst relative error of t(λ(t)) over the times. */
    static double roundTrip(NoiseSchedule s, double[] times) {
        double worst = 0;
        for (double t : times) {
            double back = s.timeOfLambda(s.lambda(t));
            double rel = Math.abs(back - t) / t;
            worst = Math.max(worst, rel);
            assertTrue(rel <= ROUND_TRIP_TOLERANCE, s.id() + ": t(lambda(" + t + ")) = " + back);
        }
        return worst;
    }
}
