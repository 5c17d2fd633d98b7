package difflab.analysis.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VerdictTest {

    private static Verdict judge(double order, double halfWidth, int points, double nominal) {
        return Verdict.judge(order, order - halfWidth, order + halfWidth, points, nominal, 0.25, 0.5);
    }

    @Test
    void withinToleranceMatchesEvenWithTightInterval() {
        assertEquals(Verdict.MATCHES, judge(2.2, 0.01, 10, 2.0));
        assertEquals(Verdict.MATCHES, judge(1.8, 0.01, 10, 2.0));
    }

    @Test
    void outsideToleranceButInsideNarrowIntervalMatches() {
        assertEquals(Verdict.MATCHES, judge(2.4, 0.45, 10, 2.0));
    }

    @Test
    void outsideToleranceInsideWideIntervalIsInconclusive() {
        assertEquals(Verdict.INCONCLUSIVE, judge(2.4, 0.6, 10, 2.0));
    }

    @Test
    void significantlyAwayIsAboveOrBelow() {
        assertEquals(Verdict.ABOVE, judge(2.3, 0.02, 10, 2.0));
        assertEquals(Verdict.BELOW, judge(1.7, 0.02, 10, 2.0));
        assertEquals(Verdict.ABOVE, judge(3.5, 0.8, 10, 2.0), "a wide interval that excludes nominal still decides");
    }

    @Test
    void tooFewPointsOrNoNominal() {
        assertEquals(Verdict.INCONCLUSIVE, Verdict.judge(2.0, Double.NaN, Double.NaN, 2, 2.0, 0.25, 0.5));
        assertEquals(Verdict.NO_NOMINAL, judge(2.0, 0.01, 10, Double.NaN));
    }

    @Test
    void rejectsNegativeTolerance() {
        assertThrows(IllegalArgumentException.class, () -> Verdict.judge(2, 1.9, 2.1, 5, 2, -0.1, 0.5));
    }
}
