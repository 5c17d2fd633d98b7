package difflab.sampler;

import difflab.backend.java.JavaBackend;
import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.grid.GridType;
import difflab.math.Phi;
import difflab.run.SamplingJob;
import difflab.sampler.ode.DpmSolverPlusPlusMultistep;
import difflab.sampler.ode.DpmSolverSinglestep;
import difflab.sampler.ode.PredictionBasis;
import difflab.sampler.ode.ResSinglestep3;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties of {@code dpmpp-3m} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class DpmSolverPlusPlus3MTest {
    /** The window of this sampler's order-table row. */
    static final int[] WINDOW = OrderTable.byId("dpmpp-3m").window();

    /** Quadratic model D = c0 + c1·λ + c2·λ² of the single-step check; D'' = 2·c2. */
    static final double C0 = 0.7;
    static final double C1 = -0.3;
    static final double C2 = 0.05;

    static Sampler sampler() {
        return new DpmSolverPlusPlusMultistep(3, false, MultistepOptions.noLowerOrderFinal());
    }

    /**
     * N = 128..1024: below 128 steps the third-order terms still dominate the O(h²) defect and the slope is
     * pre-asymptotic (2.5 from 32 to 64 steps on the Gaussian, 2.4 from 64 to 128 on the mixture).
     */

    /** Replacing the order-1/order-2 warm-up by two third-order singlestep steps leaves the order at 2. */
    @Test
    void secondOrderEvenFromAccurateStartingHistory() {
        Sampler started = new StartedMultistep(new DpmSolverSinglestep(3, false, PredictionBasis.DATA), sampler(), 2);
        for (var target : java.util.List.of(GaussianTarget.standard(4, true), GaussianMixtureTarget.standard(2, 4, true))) {
            SamplerOrderContract.Measured m = SamplerOrderContract.measure(started, target, WINDOW);
            assertEquals(2.0, m.order(), SamplerOrderContract.DEFAULT_TOLERANCE, started.id() + ": " + m);
        }
    }

    /**
     * The Taylor argument, checked exactly: D = p(λ) quadratic, two exact steps (res-3s-stiff is exact for such D),
     * then one 3M step. Its D2 = h²p''/2 exactly, so the step misses exactly α<sub>t</sub>h³φ<sub>3</sub>(−h)·p''/2.
     */
    @Test
    void oneStepMissesHalfTheSecondDerivativeTerm() {
        assertEquals(DpmSolverPlusPlus3MTest.predictedDefect(), lastStepError(sampler()),
                Exactness.ROUNDING_TOLERANCE, "dpmpp-3m: error of one step vs -alpha_t h^3 phi3(-h) p''/2");
    }

    /** −α<sub>t</sub>h³φ<sub>3</sub>(−h)·p''/2 for the last step of the 3-step grid. */
    static double predictedDefect() {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = threeStepContext();
        double h = ctx.h(2);
        return -schedule.alpha(SamplerOrderContract.T_END) * h * h * h * Phi.phi3(h) * (2.0 * C2) / 2.0;
    }

    /** The (common) error of the final particles of a 3-step run: 2 exact steps, then one step of {@code multistep}. */
    static double lastStepError(Sampler multistep) {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        PrescribedDenoiserTarget target = PrescribedDenoiserTarget.dataQuadraticInLambda(C0, C1, C2);
        Sampler started = new StartedMultistep(ResSinglestep3.standard(ResSinglestep3.Variant.STIFF_ORDER_3), multistep, 2);
        Particles init = InitialNoise.standardNormal(3, 1, SamplerOrderContract.SEED);
        Particles out = new JavaBackend(1).sample(new SamplingJob(started, threeStepContext(), target, init, SamplerOrderContract.SEED))
                .particles();
        double error = Double.NaN;
        for (int i = 0; i < init.count(); i++) {
            double e = out.get(i, 0) - target.exactFlow(schedule.lambda(SamplerOrderContract.T_START), schedule.lambda(SamplerOrderContract.T_END), init.get(i, 0));
            if (!Double.isNaN(error)) {
                assertEquals(error, e, Exactness.ROUNDING_TOLERANCE, "the defect does not depend on x");
            }
            error = e;
        }
        return error;
    }

    private static SamplingContext threeStepContext() {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        return new SamplingContext(schedule, new GridType.UniformLogSnr().build(schedule, SamplerOrderContract.T_START, SamplerOrderContract.T_END, 3));
    }
}
