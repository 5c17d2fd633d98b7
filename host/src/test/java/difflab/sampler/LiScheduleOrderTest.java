package difflab.sampler;

import difflab.backend.java.JavaBackend;
import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.grid.GridType;
import difflab.reference.ProbabilityFlowReference;
import difflab.run.SamplingJob;
import difflab.sampler.ode.Ddim;
import difflab.sampler.ode.LiAcceleratedOdeCode;
import difflab.sampler.ode.LiAcceleratedOdePaper;
import difflab.sampler.ode.LiDdimType;
import difflab.schedule.DiscreteSchedule;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import difflab.target.Target;
import java.util.Arrays;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Orders of the Li et al. samplers on the schedule their paper analyses (docs/ALGORITHMS.md §1.1; {@link DiscreteSchedule#liEtAl}
 * with c0 = 2, c1 = 6): for each chain length T = 2<sup>k</sup> the uniform-time grid from t = 1 to t = 1/T, with
 * T − 1 steps, visits exactly the chain's times T, T−1, …, 1, and the pathwise error at X<sub>1</sub> is measured against
 * the exact probability-flow map from X<sub>T</sub> (closed form for the Gaussian, Dormand–Prince for the GMM).
 *
 * <p>The schedule changes with T: every step has β ≈ η<sub>T</sub> = c1·log T/T, so a method of order p has error
 * ≈ C·η<sub>T</sub><sup>p</sup>, whose slope in T is only p·(1 − 1/ln T). The asserted order is therefore the slope of log
 * error against log η<sub>T</sub>; the slope against T is reported alongside. The window T = 256…2048 is asymptotic
 * (c1·log T/T ≤ 0.13; the schedule needs c1·log T/T &lt; 1, i.e. T ≥ 32, and below T = 256 the paper form is not yet
 * monotone). The asserted slopes are the measured ones (README, <i>Order-test measurements</i>): the code form is
 * second order in η<sub>T</sub>; the paper-form reconstruction, built on the Euler-type DDIM-type step, falls short
 * of 2 at these T (its error behaves like η<sub>T</sub>²·log T), and the DDIM-type baseline shows the same kind of
 * drift below 1. The Euler-type step is not exact on the long pure-noise stretch of this schedule
 * (Σβ ≈ (c1 − c0)·log T; on N(0, I) it multiplies by (1 + α<sub>t</sub>)/(2 sqrt α<sub>t</sub>) ≠ 1 each step),
 * whereas the exact-DDIM-based code form is exact there. Against T, none of the "O(1/T²)" samplers shows slope 2.
 */
class LiScheduleOrderTest {
    static final double C0 = 2.0;
    static final double C1 = 6.0;
    /** The chain lengths T of the asymptotic window. */
    static final int[] CHAIN_LENGTHS = {256, 512, 1024, 2048};
    /** Allowed |measured − expected| of the slope against η<sub>T</sub>. */
    static final double TOLERANCE = 0.15;
    static final int PARTICLES = 12;
    static final long SEED = SamplerOrderContract.SEED;

    /** Measured slopes vs η<sub>T</sub>, asserted (Gaussian, GMM). */
    static final double DDIM_ORDER = 1.0;
    static final double CODE_FORM_ORDER = 2.0;
    static final double PAPER_FORM_ORDER = 1.77;
    static final double DDIM_TYPE_ORDER = 0.95;

    /** Errors of a sweep and the two fitted slopes. */
    record Sweep(String what, int[] chainLengths, double[] errors, double orderInStepSize, double orderInT) {
        @Override
        public String toString() {
            return what + ": T " + Arrays.toString(chainLengths) + " errors " + Arrays.toString(errors)
                    + " slope vs eta_T " + orderInStepSize + ", vs T " + orderInT;
        }
    }

    static Sweep sweep(Sampler sampler, Target target) {
        Particles init = InitialNoise.standardNormal(PARTICLES, target.dimension(), SEED);
        double[] errors = new double[CHAIN_LENGTHS.length];
        SimpleRegression inStepSize = new SimpleRegression();
        for (int k = 0; k < CHAIN_LENGTHS.length; k++) {
            int chain = CHAIN_LENGTHS[k];
            DiscreteSchedule schedule = DiscreteSchedule.liEtAl(chain, C0, C1);
            SamplingContext ctx = chainContext(schedule, chain);
            Particles reference = ProbabilityFlowReference.solve(target, init, schedule.lambda(1.0),
                    schedule.lambda(1.0 / chain));
            Particles out = new JavaBackend().sample(new SamplingJob(sampler, ctx, target, init, SEED)).particles();
            errors[k] = PathwiseError.rms(out, reference);
            inStepSize.addData(Math.log(C1 * Math.log(chain) / chain), Math.log(errors[k]));
        }
        return new Sweep(sampler.id() + " on " + target.id(), CHAIN_LENGTHS, errors, inStepSize.getSlope(),
                PathwiseError.fittedOrder(CHAIN_LENGTHS, errors));
    }

    /** The uniform-time grid from t = 1 (X<sub>T</sub>) to t = 1/T (X<sub>1</sub>): T − 1 steps over the chain's own times. */
    static SamplingContext chainContext(DiscreteSchedule schedule, int chain) {
        return new SamplingContext(schedule, new GridType.UniformTime().build(schedule, 1.0, 1.0 / chain, chain - 1));
    }

    private static void assertSlope(Sampler sampler, double expected) {
        for (Target target : new Target[] {GaussianTarget.standard(4, true), GaussianMixtureTarget.standard(2, 4, true)}) {
            Sweep s = sweep(sampler, target);
            assertTrue(s.errors()[s.errors().length - 1] > SamplerOrderContract.PRECISION_FLOOR, s.toString());
            assertEquals(expected, s.orderInStepSize(), TOLERANCE, s.toString());
        }
    }

    @Test
    void gridVisitsTheChainAndReproducesItsStepAlphas() {
        int chain = 64;
        DiscreteSchedule schedule = DiscreteSchedule.liEtAl(chain, C0, C1);
        double[] betas = DiscreteSchedule.liBetas(chain, C0, C1);
        SamplingContext ctx = chainContext(schedule, chain);
        assertEquals(chain - 1, ctx.steps());
        for (int i = 0; i < ctx.steps(); i++) {
            int t = chain - i;
            double ratio = ctx.alpha(i) / ctx.alpha(i + 1);
            assertEquals(betas[t - 1], 1.0 - ratio * ratio, 1e-13 * Math.max(1.0, betas[t - 1] * 1e3),
                    "per-step alpha_t of step " + i + " (chain time t=" + t + ")");
        }
        double alphaBarOne = 1.0 - betas[0];
        assertEquals(alphaBarOne, ctx.alpha(ctx.steps()) * ctx.alpha(ctx.steps()), 1e-15, "grid ends at X_1");
    }

    @Test
    void exactDdimIsFirstOrderInTheStepSize() {
        assertSlope(new Ddim(), DDIM_ORDER);
    }

    @Test
    void codeFormIsSecondOrderInTheStepSize() {
        assertSlope(new LiAcceleratedOdeCode(), CODE_FORM_ORDER);
    }

    @Test
    void paperFormReconstructionMeasuresBelowSecondOrderInTheStepSize() {
        assertSlope(new LiAcceleratedOdePaper(LiAcceleratedOdePaper.TerminalStep.DDIM_TYPE), PAPER_FORM_ORDER);
    }

    @Test
    void ddimTypeBaselineOrderInTheStepSize() {
        assertSlope(new LiDdimType(), DDIM_TYPE_ORDER);
    }
}
