package difflab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The learning-rate schedule of Li et al. (docs/ALGORITHMS.md §1.1): β<sub>1</sub> = T<sup>−c0</sup>, geometric growth at rate
 * c1 log T/T, then a plateau at c1 log T/T; ᾱ<sub>T</sub> ≈ T<sup>−(c1−c0)</sup>; the worked numbers of docs/ALGORITHMS.md §1.1.
 */
class LiScheduleTest {

    private static double max(double[] xs) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            m = Math.max(m, x);
        }
        return m;
    }

    @Test
    void betasFollowThePublishedRecurrence() {
        int steps = 1600;
        double c0 = 2;
        double c1 = 6;
        double[] betas = DiscreteSchedule.liBetas(steps, c0, c1);
        double rate = c1 * Math.log(steps) / steps;
        assertEquals(Math.pow(steps, -c0), betas[0], 0.0);
        int plateauStart = -1;
        for (int t = 1; t < steps; t++) {
            double geometric = betas[0] * Math.pow(1 + rate, t);
            assertEquals(rate * Math.min(geometric, 1.0), betas[t], 1e-15 * betas[t]);
            if (geometric >= 1 && plateauStart < 0) {
                plateauStart = t;
            }
        }
        // the geometric phase ends near t ≈ (c0/c1)·T (docs/ALGORITHMS.md §1.1, DERIVED)
        assertEquals(c0 / c1 * steps, plateauStart, 0.05 * steps);
        System.out.printf("li(T=1600,c0=2,c1=6): plateau from t=%d (c0/c1*T=%.0f)%n", plateauStart + 1, c0 / c1 * steps);
    }

    /** The example of docs/ALGORITHMS.md §1.1: c0 = 2, c1 = 6, T = 1600 gives ᾱ_T ≈ 4.5e-14, β_1 = 3.9e-7, max β = 0.028. */
    @Test
    void specExampleNumbers() {
        DiscreteSchedule s = DiscreteSchedule.liEtAl(1600, 2, 6);
        double[] betas = DiscreteSchedule.liBetas(1600, 2, 6);
        double alphaBarT = s.alphaBarAtKnot(1600);
        System.out.printf("li(T=1600,c0=2,c1=6): alphaBar_T=%.4e beta_1=%.4e max beta=%.5f%n", alphaBarT, betas[0],
                max(betas));
        assertEquals(4.5e-14, alphaBarT, 0.01 * 4.5e-14);
        assertEquals(3.9e-7, betas[0], 0.01e-7);
        assertEquals(0.028, max(betas), 0.0005);
        double[] betas50 = DiscreteSchedule.liBetas(50, 2, 6);
        System.out.printf("li(T=50,c0=2,c1=6): max beta=%.4f alphaBar_T=%.3e%n", max(betas50),
                DiscreteSchedule.liEtAl(50, 2, 6).alphaBarAtKnot(50));
        assertEquals(0.47, max(betas50), 0.005);
    }

    @Test
    void alphaBarTIsOfOrderTToTheMinusC1MinusC0() {
        for (int steps : new int[] {200, 1000, 5000}) {
            for (double[] c : new double[][] {{2, 6}, {1, 4}, {3, 7}}) {
                double alphaBarT = DiscreteSchedule.liEtAl(steps, c[0], c[1]).alphaBarAtKnot(steps);
                double nominal = Math.pow(steps, -(c[1] - c[0]));
                double ratio = alphaBarT / nominal;
                assertTrue(ratio > 0.1 && ratio < 10, "T=" + steps + " c0=" + c[0] + " c1=" + c[1] + ": alphaBar_T="
                        + alphaBarT + " vs T^-(c1-c0)=" + nominal);
            }
        }
    }

    @Test
    void chainKnotsStartAtTheDataAndRoundTrip() {
        int steps = 100;
        DiscreteSchedule s = DiscreteSchedule.liEtAl(steps, 2, 6);
        double[] betas = DiscreteSchedule.liBetas(steps, 2, 6);
        double[] knots = s.knotTimes();
        assertEquals(steps + 1, knots.length);
        assertEquals(1.0, s.alphaBarAtKnot(0), 0.0);
        double product = 1;
        for (int n = 1; n <= steps; n++) {
            product *= 1 - betas[n - 1];
            assertEquals((double) n / steps, knots[n], 1e-16);
            assertEquals(product, s.alphaBarAtKnot(n), 1e-12 * product);
        }
        assertEquals(1.0 / steps, s.tMinDefault(), 0.0);
        assertEquals(0.0, s.tMin(), 0.0, "the chain starts at the data, so every t in (0, 1] is defined");
        double[] times = ScheduleChecks.logSpaced(1e-4, 1.0, ScheduleChecks.POINTS);
        double worst = ScheduleChecks.roundTrip(s, times);
        double[] down = ScheduleChecks.logSpaced(1e-12, 1.0, ScheduleChecks.POINTS);
        ScheduleChecks.vpIdentityHolds(s, down);
        ScheduleChecks.sigmaAccurate(s, down);
        System.out.printf("li(T=100): worst round-trip relative error %.3e%n", worst);
    }

    @Test
    void badConstantsAndTooFewStepsAreRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiscreteSchedule.liEtAl(100, 6, 2));
        assertTrue(e.getMessage().contains("c0=6.0") && e.getMessage().contains("c1=2.0")
                && e.getMessage().contains("accepted"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DiscreteSchedule.liEtAl(100, 0, 6));
        assertThrows(IllegalArgumentException.class, () -> DiscreteSchedule.liEtAl(100, 2, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> DiscreteSchedule.liEtAl(100, 2, Double.POSITIVE_INFINITY));
        e = assertThrows(IllegalArgumentException.class, () -> DiscreteSchedule.liEtAl(1, 2, 6));
        assertTrue(e.getMessage().contains("T=1") && e.getMessage().contains(">= 2"), e.getMessage());
        // T = 10: c1 log T/T = 1.38, so the plateau β would exceed 1
        e = assertThrows(IllegalArgumentException.class, () -> DiscreteSchedule.liEtAl(10, 2, 6));
        assertTrue(e.getMessage().contains("T=10") && e.getMessage().contains("c1*log(T)/T < 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DiscreteSchedule.liBetas(0, 2, 6));
    }
}
