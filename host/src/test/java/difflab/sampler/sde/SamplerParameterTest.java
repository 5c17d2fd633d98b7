package difflab.sampler.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.grid.GridType;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import org.junit.jupiter.api.Test;

/** Parameter validation, ids of non-default instances, and the η/churn rules. */
class SamplerParameterTest {
    private final NoiseSchedule schedule = LinearVpSchedule.standard();

    @Test
    void badParametersAreRejectedNamingTheAcceptedRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DdimEta(1.5));
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("0 <= eta <= 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EulerAncestral(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new DpmSolverPlusPlus2MSde(Double.NaN,
                DpmSolverPlusPlus2MSde.SolverType.MIDPOINT));
        assertThrows(IllegalArgumentException.class, () -> new DpmSolverPlusPlus2MSde(1.0, null));
        assertThrows(IllegalArgumentException.class, () -> new ResChurn(-1.0, ResChurn.EtaRule.COSMOS));
        assertThrows(IllegalArgumentException.class, () -> new EdmStochasticHeun(1.0, 2.0, 1.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new EdmStochasticHeun(1.0, 0.0, 1.0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new DdpmAncestral(null));
    }

    @Test
    void nonDefaultInstancesHaveTheirOwnIds() {
        assertEquals("ddim-eta(eta=0.5)", new DdimEta(0.5).id());
        assertEquals("euler-ancestral(eta=0.5)", new EulerAncestral(0.5).id());
        assertEquals("dpmpp-2m-sde-heun(eta=0.5)",
                new DpmSolverPlusPlus2MSde(0.5, DpmSolverPlusPlus2MSde.SolverType.HEUN).id());
        assertEquals("res-churn(s_churn=4.0)", new ResChurn(4.0, ResChurn.EtaRule.COSMOS).id());
        assertTrue(new EdmStochasticHeun(10, 0.05, 50, 1.003).id().startsWith("edm-stochastic-heun(S_churn=10.0"));
        assertFalse(new DdimEta(0.0).stochastic());
        assertFalse(new EdmStochasticHeun(0.0, 0.0, Double.POSITIVE_INFINITY, 1.0).stochastic());
    }

    @Test
    void churnFractionsFollowCosmosAndEdm() {
        ResChurn cosmos = new ResChurn(2.0, ResChurn.EtaRule.COSMOS);
        assertEquals(ResChurn.MAX_ETA, cosmos.churnFraction(10), 0.0);
        assertEquals(2.0 / 41, cosmos.churnFraction(40), 1e-15);
        assertEquals(ResChurn.MAX_ETA, new ResChurn(0.5, ResChurn.EtaRule.PER_STEP).churnFraction(1000), 0.0);
        assertEquals(0.05, new ResChurn(0.05, ResChurn.EtaRule.PER_STEP).churnFraction(1000), 0.0);
        EdmStochasticHeun edm = new EdmStochasticHeun(40, 0.05, 50, 1.0);
        SamplingContext ctx = new SamplingContext(schedule, new GridType.Karras(7).build(schedule, 1.0, 1e-3, 200));
        assertEquals(0.0, edm.gamma(ctx, 0), 0.0, "sigma~ above S_tmax is not churned");
        assertEquals(0.2, edm.gamma(ctx, 100), 1e-15);
        assertEquals(0.0, edm.gamma(ctx, 199), 0.0, "sigma~ below S_tmin is not churned");
    }

    @Test
    void etaZeroVariantsInjectNoNoise() {
        SamplingContext ctx = new SamplingContext(schedule, new GridType.UniformLogSnr().build(schedule, 1.0, 1e-3, 4));
        for (var s : new difflab.sampler.Sampler[] {new DdimEta(0.0), new EulerAncestral(0.0),
            new DpmSolverPlusPlus2MSde(0.0, DpmSolverPlusPlus2MSde.SolverType.MIDPOINT),
            new ResChurn(0.0, ResChurn.EtaRule.PER_STEP), new EdmStochasticHeun(0.0, 0, Double.POSITIVE_INFINITY, 1)}) {
            for (int i = 0; i < 4; i++) {
                StepProgram p = s.step(ctx, i);
                assertFalse(p.output().hasNoise(), s.id() + " step " + i);
                p.stages().forEach(st -> assertFalse(st.input().hasNoise(), s.id()));
            }
        }
    }
}
