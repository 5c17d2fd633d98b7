package difflab.sampler.ode;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;
import difflab.schedule.NoiseSchedule;

/**
 * SciRE-Solver, singlestep, orders 2 and 3 (Li, Chen, Zeng 2023, arXiv 2308.07896; official {@code scire_solver.py}
 * {@code singlestep_scire_solver_second_update} / {@code _third_update} with {@code method='singlestep_fixed'};
 * docs/ALGORITHMS.md §5.3, VERIFIED from code). In the rescaled state y (x/α for v1, x/σ for v2, see {@link SciReVariant}) and
 * time u (ν or τ), with h = u<sub>t</sub> − u<sub>s</sub>, m the integrand (ε for v1, D for v2) and φ the
 * recursive-difference coefficient of step k ({@link SciRePhiRule}):
 * <pre>
 *  SciRE-2 (r1 = 1/2):            y1 = y + r1·h·m_s
 *                                 y' = y + h·m_s + (1/(2·r1·φ))·h·(m(y1) − m_s)
 *  SciRE-3 (r1 = 1/3, r2 = 2/3):  y1 = y + r1·h·m_s
 *                                 y2 = y + r2·h·m_s + (r2/(2·r1·φ))·h·(m(y1) − m_s)
 *                                 y' = y + h·m_s + (1/(2·r2·φ))·h·(m(y2) − m_s)
 * </pre>
 * Stage k is evaluated at u<sub>s</sub> + r<sub>k</sub>h (the code's default r1, r2 for continuous schedules; its
 * discrete-schedule branch reads r from the grid instead, which is not reproduced), at the VP point
 * scale(u)·y<sub>k</sub>. VP form: x' = scale<sub>t</sub>·y' with y = x/scale<sub>s</sub>. 2 or 3 NFE per step. Each
 * step of a run with N steps is one outer step of {@code singlestep_fixed} with K = N, so φ follows the
 * singlestep rule of {@link SciRePhi} with K = N.
 *
 * <p>Measured (order table; numbers in the README, <i>Order-test measurements</i>): first order with the official
 * φ; with φ = 1, SciRE-2 is second order on the mixture and third on the Gaussian, SciRE-3 second order on both.
 * FINDINGS: (1) with the official φ ≈ 0.63 the correction is 1/φ ≈ 1.6 times the one that cancels the first-order
 * error, so every singlestep variant is first order; (2) with φ = 1, SciRE-2 is the explicit midpoint rule in
 * ν (τ): superconvergent on the Gaussian flow; (3) SciRE-3 is second order even with φ = 1: its tableau
 * (c = 0, 1/3, 2/3; b = 1/4, 0, 3/4; a32 = 1, a31 = −1/3) has Σb·c = 1/2, Σb·c² = 1/3 but Σb·A·c = 1/4 ≠ 1/6
 * (the stage-2 weight r2/(2·r1) = 1 where r2²/(2·r1) = 2/3 is needed).
 *
 * @param variant v1 (noise prediction) or v2 (data prediction)
 * @param order   2 or 3
 * @param phiRule the official φ schedule or φ = 1
 */
public record SciReSinglestep(SciReVariant variant, int order, SciRePhiRule phiRule) implements Sampler {
    /** The code's default intermediate node of SciRE-2. */
    public static final double SECOND_ORDER_R1 = 0.5;
    /** The code's default intermediate nodes of SciRE-3. */
    public static final double THIRD_ORDER_R1 = 1.0 / 3.0;
    public static final double THIRD_ORDER_R2 = 2.0 / 3.0;

    public SciReSinglestep {
        if (order != 2 && order != 3) {
            throw new IllegalArgumentException("SciRE singlestep order=" + order + "; accepted: 2, 3");
        }
        if (variant == null || phiRule == null) {
            throw new IllegalArgumentException("SciRE singlestep needs a variant and a phi rule, got " + variant + ", "
                    + phiRule);
        }
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("scire-" + variant.id() + "-" + order + "s" + phiRule.idSuffix(),
                "SciRE-Solver-" + order + " " + variant.id() + " singlestep"
                        + (phiRule == SciRePhiRule.UNIT ? " with phi = 1" : " with the official phi schedule"),
                "Li, Chen, Zeng 2023 (arXiv 2308.07896); official scire_solver.py singlestep_scire_solver_"
                        + (order == 2 ? "second" : "third") + "_update"
                        + (phiRule == SciRePhiRule.UNIT ? " with phi = 1 (a difflab variant, not published)" : ""),
                order, order, 0);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        NoiseSchedule schedule = c.schedule();
        double phi = phiRule.singlestep(i, c.steps());
        double uS = variant.time(c, i);
        double h = variant.time(c, i + 1) - uS;
        LinearForm y = LinearForm.state().times(1.0 / variant.scale(c, i));
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef s = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        LinearForm mS = variant.integrand(s, c.alpha(i), c.sigma(i));

        double r1 = order == 2 ? SECOND_ORDER_R1 : THIRD_ORDER_R1;
        SciReVariant.Node n1 = variant.node(schedule, uS + r1 * h);
        LinearForm y1 = y.plus(mS.times(r1 * h));
        EvalRef e1 = b.stage(y1.times(n1.scale()), n1.time(), n1.alpha(), n1.sigma());
        LinearForm m1 = variant.integrand(e1, n1.alpha(), n1.sigma());

        LinearForm yOut;
        if (order == 2) {
            yOut = y.plus(mS.times(h)).plus(m1.minus(mS).times(h / (2.0 * r1 * phi)));
        } else {
            double r2 = THIRD_ORDER_R2;
            SciReVariant.Node n2 = variant.node(schedule, uS + r2 * h);
            LinearForm y2 = y.plus(mS.times(r2 * h)).plus(m1.minus(mS).times(r2 * h / (2.0 * r1 * phi)));
            EvalRef e2 = b.stage(y2.times(n2.scale()), n2.time(), n2.alpha(), n2.sigma());
            LinearForm m2 = variant.integrand(e2, n2.alpha(), n2.sigma());
            yOut = y.plus(mS.times(h)).plus(m2.minus(mS).times(h / (2.0 * r2 * phi)));
        }
        return b.output(yOut.times(variant.scale(c, i + 1)));
    }
}
