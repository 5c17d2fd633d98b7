package difflab.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanStdTest {

    @Test
    void knownSample() {
        MeanStd summary = MeanStd.of(new double[] {1, 2, 3, 4});

        assertEquals(2.5, summary.mean(), 0.0);
        assertEquals(Math.sqrt(5.0 / 3.0), summary.standardDeviation(), 1e-15);
        assertEquals(Math.sqrt(5.0 / 3.0) / 2, summary.standardError(), 1e-15);
        assertEquals(new Estimate(2.5, summary.standardError()), summary.toEstimate());
    }

    @Test
    void largeOffsetDoesNotCancel() {
        MeanStd summary = MeanStd.of(new double[] {1e9 + 1, 1e9 + 2, 1e9 + 3});

        assertEquals(1e9 + 2, summary.mean(), 0.0);
        assertEquals(1.0, summary.standardDeviation(), 0.0);
    }

    @Test
    void singleValueHasNoSpread() {
        MeanStd summary = MeanStd.of(new double[] {7});

        assertEquals(7, summary.mean(), 0.0);
        assertTrue(Double.isNaN(summary.standardError()));
    }

    @Test
    void rejectsEmptyAndNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> MeanStd.of(new double[0]));
        var nan = assertThrows(IllegalArgumentException.class, () -> MeanStd.of(new double[] {1, Double.NaN}));
        assertTrue(nan.getMessage().contains("sample[1] = NaN"), nan.getMessage());
    }
}
