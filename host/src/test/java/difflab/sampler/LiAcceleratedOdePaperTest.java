package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.grid.GridType;
import difflab.sampler.ode.LiAcceleratedOdePaper;
import difflab.sampler.ode.LiAcceleratedOdePaper.TerminalStep;
import difflab.schedule.LinearVpSchedule;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code li-ode-paper} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class LiAcceleratedOdePaperTest {
    static Sampler sampler() {
        return new LiAcceleratedOdePaper(TerminalStep.DDIM_TYPE);
    }

    /** The closed-form gain on N(0, I) of a corrected step with per-step α<sub>t</sub> = a and α<sub>t+1</sub> = aPrevious. */
    static double correctedGain(double a, double aPrevious) {
        double b = 1.0 - a;
        double bPrevious = 1.0 - aPrevious;
        return (1.0 - b / 2.0 + b * b / (4.0 * bPrevious) * (aPrevious * (1.0 + bPrevious / 2.0) - 1.0)) / Math.sqrt(a);
    }

    @Test
    void standardNormalDataGetsTheClosedFormGain() {
        for (int steps : new int[] {3, 8}) {
            StandardNormalGain.check(sampler(), steps, (c, i) -> {
                double a = StandardNormalGain.stepAlpha(c, i);
                return i == 0 ? (1.0 + a) / (2.0 * Math.sqrt(a))
                        : correctedGain(a, StandardNormalGain.stepAlpha(c, i - 1));
            });
        }
    }

    @Test
    void repeatAlphaOptionCorrectsTheFirstStepWithAlphaTPlusOneEqualToAlphaT() {
        Sampler repeat = new LiAcceleratedOdePaper(TerminalStep.REPEAT_ALPHA);
        StandardNormalGain.check(repeat, 5, (c, i) -> {
            double a = StandardNormalGain.stepAlpha(c, i);
            return correctedGain(a, i == 0 ? a : StandardNormalGain.stepAlpha(c, i - 1));
        });
    }

    @Test
    void terminalOptionChangesOnlyTheFirstStepsEvaluationCount() {
        LinearVpSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule,
                new GridType.UniformLogSnr().build(schedule, SamplerOrderContract.T_START, SamplerOrderContract.T_END, 10));
        assertEquals(2 * 10 - 1, sampler().totalEvaluations(ctx));
        Sampler repeat = new LiAcceleratedOdePaper(TerminalStep.REPEAT_ALPHA);
        assertEquals(2 * 10, repeat.totalEvaluations(ctx));
        assertTrue(sampler().reconstruction() && repeat.reconstruction(), "the paper form is a reconstruction");
        assertEquals("li-ode-paper", sampler().id());
        assertEquals("li-ode-paper-repeat-alpha", repeat.id());
    }

    @Test
    void missingTerminalStepIsRejectedWithTheAcceptedOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LiAcceleratedOdePaper(null));
        assertTrue(e.getMessage().contains("DDIM_TYPE") && e.getMessage().contains("REPEAT_ALPHA"), e.getMessage());
    }
}
