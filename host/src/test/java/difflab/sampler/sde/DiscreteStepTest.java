package difflab.sampler.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.grid.GridType;
import difflab.sampler.SamplingContext;
import difflab.schedule.DiscreteSchedule;
import org.junit.jupiter.api.Test;

/**
 * The per-step α<sub>t</sub> := (α(t<sub>i</sub>)/α(t<sub>i+1</sub>))² reproduces Li et al.'s chain on its knot grid. The knots of
 * {@code DiscreteSchedule.liEtAl(T, c0, c1)} are n/T for n = 0..T, so the uniform-time grid from t<sub>T</sub> = 1 to
 * t<sub>0</sub> = 1/T visits X<sub>T</sub>, …, X<sub>1</sub> with T − 1 steps (not T): step i is the chain's transition t = T − i,
 * with β<sub>t</sub> = {@code liBetas[t − 1]}.
 */
class DiscreteStepTest {
    static final int T = 64;
    static final double C0 = 2.0;
    static final double C1 = 6.0;

    @Test
    void knotGridWithTMinusOneStepsIsExactlyLisChain() {
        DiscreteSchedule schedule = DiscreteSchedule.liEtAl(T, C0, C1);
        double[] betas = DiscreteSchedule.liBetas(T, C0, C1);
        SamplingContext ctx = new SamplingContext(schedule,
                new GridType.UniformTime().build(schedule, schedule.tMax(), schedule.tMinDefault(), T - 1));
        for (int i = 0; i < T - 1; i++) {
            int t = T - i;
            DiscreteStep s = DiscreteStep.of(ctx, i);
            assertEquals(betas[t - 1], s.beta(), 1e-13 * betas[t - 1], "beta_" + t);
            assertEquals(1.0 - betas[t - 1], s.alphaStep(), 1e-15);
            assertEquals(schedule.alphaBarAtKnot(t), s.alphaBar(), 1e-15);
            assertEquals(schedule.alphaBarAtKnot(t - 1), s.alphaBarPrev(), 1e-15);
        }
    }

    @Test
    void aGridOfTStepsMissesTheKnots() {
        DiscreteSchedule schedule = DiscreteSchedule.liEtAl(T, C0, C1);
        double[] betas = DiscreteSchedule.liBetas(T, C0, C1);
        SamplingContext ctx = new SamplingContext(schedule,
                new GridType.UniformTime().build(schedule, schedule.tMax(), schedule.tMinDefault(), T));
        double worst = 0;
        for (int i = 0; i < T - 1; i++) {
            worst = Math.max(worst, Math.abs(DiscreteStep.of(ctx, i).beta() / betas[T - i - 1] - 1.0));
        }
        assertTrue(worst > 1e-3, "with T steps the grid should not sit on the knots, worst relative beta gap " + worst);
    }

    @Test
    void posteriorVarianceIsHosBetaTilde() {
        DiscreteSchedule schedule = DiscreteSchedule.liEtAl(T, C0, C1);
        SamplingContext ctx = new SamplingContext(schedule,
                new GridType.UniformTime().build(schedule, schedule.tMax(), schedule.tMinDefault(), T - 1));
        for (int i = 0; i < T - 1; i++) {
            DiscreteStep s = DiscreteStep.of(ctx, i);
            double expected = s.beta() * (1 - s.alphaBarPrev()) / (1 - s.alphaBar());
            assertEquals(expected, s.posteriorVariance(ctx, i), 1e-12 * expected);
        }
    }
}
