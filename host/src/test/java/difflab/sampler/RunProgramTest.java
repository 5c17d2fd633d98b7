package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.grid.GridType;
import difflab.sampler.ode.UniPc;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one resolver of named evaluations. */
class RunProgramTest {
    private static final NoiseSchedule SCHEDULE = LinearVpSchedule.standard();
    private static final SamplingContext CTX = new SamplingContext(SCHEDULE,
            new GridType.UniformLogSnr().build(SCHEDULE, 1.0, 1e-3, 6));

    /** UniPC's evaluation at t_1 is stage 1 of step 0, at t_i (i ≥ 2) stage 0 of step i − 1: found by name. */
    @Test
    void predictorCorrectorEvaluationsAtTheNewPointAreLocatedByName() {
        RunProgram run = RunProgram.of(UniPc.standard(2, UniPc.Variant.BH2, true).forOrderStudy(), CTX);
        assertEquals(new RunProgram.Source(0, 0), run.source(EvalRef.atGridPoint(CTX, 0)));
        assertEquals(new RunProgram.Source(0, 1), run.source(EvalRef.atGridPoint(CTX, 1)));
        for (int i = 2; i < CTX.steps(); i++) {
            assertEquals(new RunProgram.Source(i - 1, 0), run.source(EvalRef.atGridPoint(CTX, i)));
        }
        assertEquals(2, run.historyDepth());
        assertEquals(0, run.step(CTX.steps() - 1).evaluations(), "the official last step makes no evaluation");
        assertEquals(CTX.steps(), UniPc.standard(2, UniPc.Variant.BH2, true).totalEvaluations(CTX));
    }

    @Test
    void aReferenceCarryingAnotherAlphaIsRejected() {
        StepProgram.Builder b0 = StepProgram.builder(0);
        b0.stage(LinearForm.state(), CTX.t(0), CTX.alpha(0), CTX.sigma(0));
        StepProgram first = b0.output(LinearForm.state());
        EvalRef wrong = new EvalRef(0, 0, CTX.t(0), CTX.alpha(0) * 1.01, CTX.sigma(0));
        StepProgram second = StepProgram.builder(1).output(LinearForm.model(wrong));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RunProgram.of("test", List.of(first, second)));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
    }

    @Test
    void anEvaluationMadeTwiceOrReadBeforeItIsMadeIsRejected() {
        EvalRef at1 = EvalRef.atGridPoint(CTX, 1);
        StepProgram.Builder b0 = StepProgram.builder(0);
        b0.stage(LinearForm.state(), at1);
        StepProgram first = b0.output(LinearForm.state());
        StepProgram.Builder b1 = StepProgram.builder(1);
        b1.stage(LinearForm.state(), at1);
        StepProgram again = b1.output(LinearForm.state());
        assertThrows(IllegalStateException.class, () -> RunProgram.of("twice", List.of(first, again)));

        StepProgram.Builder early = StepProgram.builder(0);
        early.stage(LinearForm.model(at1), EvalRef.atGridPoint(CTX, 0));
        early.stage(LinearForm.state(), at1);
        StepProgram readsLater = early.output(LinearForm.state());
        assertThrows(IllegalStateException.class, () -> RunProgram.of("early", List.of(readsLater)));
    }
}
