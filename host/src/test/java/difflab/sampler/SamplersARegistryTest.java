package difflab.sampler;

import difflab.sampler.ode.DpmSolverSinglestep;
import difflab.sampler.ode.PredictionBasis;
import difflab.sampler.ode.EdmEuler;
import difflab.sampler.ode.EdmHeun;
import difflab.sampler.ode.ResSinglestep2;
import difflab.sampler.ode.ResSinglestep3;
import difflab.sampler.registry.SamplerRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The DPM-Solver singlestep, RES and EDM samplers are registered under their ids, with their stated costs. */
class SamplersARegistryTest {

    @Test
    void singlestepSamplersAreRegisteredUnderTheirIds() {
        List<Sampler> expected = List.of(new DpmSolverSinglestep(1, false, PredictionBasis.NOISE), new DpmSolverSinglestep(2, false, PredictionBasis.NOISE),
                new DpmSolverSinglestep(2, true, PredictionBasis.NOISE), new DpmSolverSinglestep(3, false, PredictionBasis.NOISE),
                new DpmSolverSinglestep(1, false, PredictionBasis.DATA), new DpmSolverSinglestep(2, false, PredictionBasis.DATA),
                new DpmSolverSinglestep(2, true, PredictionBasis.DATA), new DpmSolverSinglestep(3, false, PredictionBasis.DATA),
                ResSinglestep2.standard(), ResSinglestep3.standard(ResSinglestep3.Variant.GAMMA_C3_SQUARED),
                ResSinglestep3.standard(ResSinglestep3.Variant.GAMMA_C3_CUBED_RES4LYF),
                ResSinglestep3.standard(ResSinglestep3.Variant.STIFF_ORDER_3), new EdmEuler(), EdmHeun.standard());
        List<String> ids = List.of("dpm-solver-1", "dpm-solver-2", "dpm-solver-2-taylor", "dpm-solver-3", "dpmpp-1",
                "dpmpp-2s", "dpmpp-2s-taylor", "dpmpp-3s", "res-2s", "res-3s", "res-3s-res4lyf", "res-3s-stiff", "euler",
                "heun");
        for (int k = 0; k < ids.size(); k++) {
            assertEquals(ids.get(k), expected.get(k).id());
            assertEquals(expected.get(k), SamplerRegistry.byId(ids.get(k)));
        }
    }

    @Test
    void multistepSamplersAreRegistered() {
        assertEquals(2, SamplerRegistry.byId("dpmpp-3m-corrected").historyLength());
        assertEquals(1, SamplerRegistry.byId("res-2m").historyLength());
        assertEquals(MultistepOptions.noLowerOrderFinal(),
                ((difflab.sampler.ode.ResMultistep2) SamplerRegistry.byId("res-2m")).options());
    }

    @Test
    void evaluationsPerStepMatchTheStagesOfASteadyStep() {
        var schedule = difflab.schedule.LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule, new difflab.grid.GridType.UniformLogSnr().build(schedule,
                SamplerOrderContract.T_START, SamplerOrderContract.T_END, 8));
        for (String id : List.of("dpm-solver-1", "dpm-solver-2", "dpm-solver-2-taylor", "dpm-solver-3", "dpmpp-1",
                "dpmpp-2s", "dpmpp-2s-taylor", "dpmpp-3s", "dpmpp-3m-corrected", "res-2s", "res-2m", "res-3s",
                "res-3s-res4lyf", "res-3s-stiff", "euler", "heun")) {
            Sampler s = SamplerRegistry.byId(id);
            assertEquals(s.evaluationsPerStep(), s.step(ctx, 4).evaluations(), id);
        }
    }

    @Test
    void badParametersNameTheValueAndTheAcceptedRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ResSinglestep2(0.0));
        assertEquals("RES-2S c2=0.0 is invalid; accepted: 0 < c2 <= 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ResSinglestep3(0.5, 0.5, ResSinglestep3.Variant.STIFF_ORDER_3));
        assertThrows(IllegalArgumentException.class,
                () -> new ResSinglestep3(2.0 / 3.0, 1.0, ResSinglestep3.Variant.GAMMA_C3_SQUARED));
        assertThrows(IllegalArgumentException.class, () -> new DpmSolverSinglestep(4, false, PredictionBasis.NOISE));
        assertThrows(IllegalArgumentException.class, () -> new DpmSolverSinglestep(3, true, PredictionBasis.NOISE));
        assertThrows(IllegalArgumentException.class, () -> new DpmSolverSinglestep(0, false, PredictionBasis.DATA));
    }
}
