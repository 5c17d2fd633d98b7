package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import difflab.grid.GridType;
import difflab.math.Phi;
import difflab.run.InitialNoise;
import difflab.run.JavaBackend;
import difflab.run.Particles;
import difflab.run.SamplingJob;
import difflab.sampler.ode.DpmSolverPlusPlusMultistep;
import difflab.sampler.ode.DpmSolverPlusPlusSinglestep;
import difflab.sampler.ode.ResSinglestep3;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import org.junit.jupiter.api.Test;

/**
 * DPM-Solver++(3M) as published measures order 2, not the claimed 3 (finding, see
 * {@link DpmSolverPlusPlusMultistep}): the coefficients, not the warm-up, are the cause.
 */
class DpmSolverPlusPlus3MOrderTest extends SamplerOrderContract {
    /** Quadratic model D = c0 + c1·λ + c2·λ² of the single-step check; D'' = 2·c2. */
    static final double C0 = 0.7;
    static final double C1 = -0.3;
    static final double C2 = 0.05;

    @Override
    protected Sampler sampler() {
        return new DpmSolverPlusPlusMultistep(3, false, MultistepOptions.noLowerOrderFinal());
    }

    /** Measured: the published coefficients are second order (see the class comment). */
    @Override
    protected double expectedOrder() {
        return 2.0;
    }

    /**
     * N = 128..1024: below 128 steps the third-order terms still dominate the O(h²) defect and the slope is
     * pre-asymptotic (2.5 from 32 to 64 steps on the Gaussian, 2.4 from 64 to 128 on the mixture).
     */
    @Override
    protected int[] stepCounts() {
        return new int[] {128, 256, 512, 1024};
    }

    /** Replacing the order-1/order-2 warm-up by two third-order singlestep steps leaves the order at 2. */
    @Test
    void secondOrderEvenFromAccurateStartingHistory() {
        Sampler started = new StartedMultistep(new DpmSolverPlusPlusSinglestep(3, false), sampler(), 2);
        for (var target : java.util.List.of(GaussianTarget.standard(4, true), GaussianMixtureTarget.standard(2, 4, true))) {
            Measured m = measure(started, target, stepCounts());
            assertEquals(2.0, m.order(), tolerance(), started.id() + ": " + m);
        }
    }

    /**
     * The Taylor argument, checked exactly: D = p(λ) quadratic, two exact steps (res-3s-stiff is exact for such D),
     * then one 3M step. Its D2 = h²p''/2 exactly, so the step misses exactly α<sub>t</sub>h³φ<sub>3</sub>(−h)·p''/2.
     */
    @Test
    void oneStepMissesHalfTheSecondDerivativeTerm() {
        assertEquals(DpmSolverPlusPlus3MOrderTest.predictedDefect(), lastStepError(sampler()),
                Exactness.ROUNDING_TOLERANCE, "dpmpp-3m: error of one step vs -alpha_t h^3 phi3(-h) p''/2");
    }

    /** −α<sub>t</sub>h³φ<sub>3</sub>(−h)·p''/2 for the last step of the 3-step grid. */
    static double predictedDefect() {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = threeStepContext();
        double h = ctx.h(2);
        return -schedule.alpha(T_END) * h * h * h * Phi.phi3(h) * (2.0 * C2) / 2.0;
    }

    /** The (common) error of the final particles of a 3-step run: 2 exact steps, then one step of {@code multistep}. */
    static double lastStepError(Sampler multistep) {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        PrescribedDenoiserTarget target = PrescribedDenoiserTarget.dataQuadraticInLambda(C0, C1, C2);
        Sampler started = new StartedMultistep(ResSinglestep3.standard(ResSinglestep3.Variant.STIFF_ORDER_3), multistep, 2);
        Particles init = InitialNoise.standardNormal(3, 1, SEED);
        Particles out = new JavaBackend(1).sample(new SamplingJob(started, threeStepContext(), target, init, SEED))
                .particles();
        double error = Double.NaN;
        for (int i = 0; i < init.count(); i++) {
            double e = out.get(i, 0) - target.exactFlow(schedule.lambda(T_START), schedule.lambda(T_END), init.get(i, 0));
            if (!Double.isNaN(error)) {
                assertEquals(error, e, Exactness.ROUNDING_TOLERANCE, "the defect does not depend on x");
            }
            error = e;
        }
        return error;
    }

    private static SamplingContext threeStepContext() {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        return new SamplingContext(schedule, new GridType.UniformLogSnr().build(schedule, T_START, T_END, 3));
    }
}
