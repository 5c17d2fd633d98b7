package difflab.fors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.grid.TimeGrid;
import difflab.sampler.SamplingContext;
import org.junit.jupiter.api.Test;

/** The OU schedule's closed forms and the tilt-scaled step placement b<sub>k</sub>²·L·d ≈ c. */
class TiltScaledGridTest {

    @Test
    void ornsteinUhlenbeckScheduleInvertsItsLogSnr() {
        OrnsteinUhlenbeckSchedule ou = new OrnsteinUhlenbeckSchedule(12.0);
        for (double t : new double[] {1e-9, 1e-4, 0.3, 2.0, 11.5}) {
            assertEquals(Math.exp(-t), ou.alpha(t), 1e-15);
            assertEquals(1 - Math.exp(-2 * t), ou.sigma(t) * ou.sigma(t), 1e-15 * Math.max(1e-9, t) + 1e-16);
            assertEquals(t, ou.timeOfLambda(ou.lambda(t)), 1e-12 * Math.max(1, t));
        }
        assertThrows(IllegalArgumentException.class, () -> new OrnsteinUhlenbeckSchedule(0));
        assertThrows(IllegalArgumentException.class, () -> ou.requireTime("t", 12.5));
    }

    @Test
    void stepsKeepTheTiltScaleConstant() {
        OrnsteinUhlenbeckSchedule ou = new OrnsteinUhlenbeckSchedule(10.0);
        // L(t) = 1/v_t of a Gaussian with variance 0.1 (the exact Lipschitz constant of its score)
        TiltScaledGrid rule = new TiltScaledGrid(0.2, 2, t -> 1.0 / (Math.exp(-2 * t) * 0.1 + 1 - Math.exp(-2 * t)));
        TimeGrid grid = rule.build(ou, 10.0, 1e-6);
        assertEquals(10.0, grid.start());
        assertEquals(1e-6, grid.end());
        SamplingContext ctx = new SamplingContext(ou, grid);
        for (int k = 0; k < ctx.steps(); k++) {
            StepGeometry g = StepGeometry.of(ctx, k);
            double l = 1.0 / (Math.exp(-2 * g.timeTo()) * 0.1 + 1 - Math.exp(-2 * g.timeTo()));
            double scale = g.bSquared() * l * 2;
            assertTrue(scale > 0.15 && scale < 0.25, "step " + k + ": b^2 L d = " + scale);
        }
        assertTrue(ctx.steps() > 100, "steps " + ctx.steps());
    }

    @Test
    void badArgumentsNameTheAcceptedRange() {
        assertThrows(IllegalArgumentException.class, () -> new TiltScaledGrid(0, 1, t -> 1));
        assertThrows(IllegalArgumentException.class, () -> new TiltScaledGrid(0.1, 0, t -> 1));
        OrnsteinUhlenbeckSchedule ou = new OrnsteinUhlenbeckSchedule(1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TiltScaledGrid(0.1, 1, t -> -1).build(ou, 1.0, 0.1));
        assertTrue(e.getMessage().contains("accepted: 0 < L"));
        assertThrows(IllegalArgumentException.class, () -> new TiltScaledGrid(0.1, 1, t -> 1).build(ou, 0.1, 0.5));
    }
}
