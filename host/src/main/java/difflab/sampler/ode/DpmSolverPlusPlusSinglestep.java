package difflab.sampler.ode;

import difflab.math.Phi;
import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * DPM-Solver++ 1, (2S), (3S): singlestep exponential integrators of the probability-flow ODE in its
 * data-prediction form x<sub>t</sub> = (σ<sub>t</sub>/σ<sub>s</sub>)x<sub>s</sub> + σ<sub>t</sub>∫e<sup>λ</sup>D dλ (Lu et al. 2022b,
 * "DPM-Solver++", Algorithm 1 (2S); official {@code dpm_solver_pytorch.py} {@code dpm_solver_first_update},
 * {@code singlestep_dpm_solver_second_update}, {@code singlestep_dpm_solver_third_update} with
 * {@code algorithm_type='dpmsolver++'}; docs/ALGORITHMS.md §4.2, VERIFIED).
 *
 * <p>Step s → t, h = λ<sub>t</sub> − λ<sub>s</sub>, λ<sub>s_k</sub> = λ<sub>s</sub> + r<sub>k</sub>h, D<sub>u</sub> = D(u, s<sub>k</sub>):
 * <pre>
 *  1:    x_t = (σ_t/σ_s)x − α_t(e^{−h}−1)D_s                                                   (= DDIM)
 *  (2S): (r1 = 1/2) u = (σ_s1/σ_s)x − α_s1(e^{−r1 h}−1)D_s
 *        x_t = (σ_t/σ_s)x − α_t(e^{−h}−1)D_s − (1/(2r1))α_t(e^{−h}−1)(D_u − D_s)             ('dpmsolver')
 *        x_t = (σ_t/σ_s)x − α_t(e^{−h}−1)D_s + (1/r1)α_t((e^{−h}−1)/h + 1)(D_u − D_s)        ('taylor' = RES-2S)
 *  (3S): (r1 = 1/3, r2 = 2/3)
 *        u1 = (σ_s1/σ_s)x − α_s1(e^{−r1 h}−1)D_s
 *        u2 = (σ_s2/σ_s)x − α_s2(e^{−r2 h}−1)D_s + (r2/r1)α_s2((e^{−r2 h}−1)/(r2 h) + 1)(D_u1 − D_s)
 *        x_t = (σ_t/σ_s)x − α_t(e^{−h}−1)D_s + (1/r2)α_t((e^{−h}−1)/h + 1)(D_u2 − D_s)
 * </pre>
 * With −(e<sup>−z</sup>−1) = zφ<sub>1</sub>(−z) and (e<sup>−z</sup>−1)/z + 1 = zφ<sub>2</sub>(−z) the weights are computed by
 * {@link Phi}. The first-order part of every order is {@link Ddim#firstOrderUpdate}, so DPM-Solver++1 gives
 * bit-identical particles to DDIM.
 *
 * <p>Nominal order = NFE per step = {@code order}. Every variant is exact for a constant D (the contract's
 * exactness test); the 'taylor' (2S) and the (3S) are also exact when D is affine in λ, since their last weight is
 * the exact φ<sub>2</sub> (docs/ALGORITHMS.md §3.2: Σb<sub>i</sub>c<sub>i</sub> = φ<sub>2</sub>); the 'dpmsolver' (2S) weight satisfies it
 * only as h → 0.
 *
 * @param order  1, 2 or 3
 * @param taylor for order 2, the 'taylor' solver type; rejected for orders 1 and 3
 */
public record DpmSolverPlusPlusSinglestep(int order, boolean taylor) implements Sampler {
    /** Intermediate fraction r<sub>1</sub> of (2S) (official default). */
    public static final double SECOND_ORDER_R1 = 0.5;
    /** Intermediate fractions r<sub>1</sub>, r<sub>2</sub> of (3S) (official default). */
    public static final double THIRD_ORDER_R1 = 1.0 / 3.0;
    public static final double THIRD_ORDER_R2 = 2.0 / 3.0;

    public DpmSolverPlusPlusSinglestep {
        if (order < 1 || order > 3) {
            throw new IllegalArgumentException("DPM-Solver++ singlestep order=" + order + "; accepted: 1, 2, 3");
        }
        if (taylor && order != 2) {
            throw new IllegalArgumentException("DPM-Solver++ order " + order + " has no 'taylor' variant here; "
                    + "accepted: taylor only with order 2");
        }
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of(order == 1 ? "dpmpp-1" : "dpmpp-" + order + "s" + (taylor ? "-taylor" : ""),
                (order == 1 ? "DPM-Solver++1 (= DDIM)" : "DPM-Solver++(" + order + "S)")
                        + (taylor ? " 'taylor' variant (= RES-2S)" : "") + ", data prediction, singlestep",
                "Lu et al. 2022b, DPM-Solver++ Algorithm 1; official dpm_solver_pytorch.py "
                        + (order == 1 ? "dpm_solver_first_update"
                                : "singlestep_dpm_solver_" + (order == 2 ? "second" : "third") + "_update")
                        + " (algorithm_type='dpmsolver++'" + (order == 2 ? ", solver_type='" + (taylor ? "taylor" : "dpmsolver")
                                + "'" : "") + ")",
                order, order, 0);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        double h = c.h(i);
        double sigmaS = c.sigma(i);
        double alphaT = c.alpha(i + 1);
        EvalRef s = b.stage(LinearForm.state(), c.t(i), c.alpha(i), sigmaS);
        LinearForm first = Ddim.firstOrderUpdate(c, i, s);
        if (order == 1) {
            return b.output(first);
        }
        LinearForm modelS = LinearForm.model(s);
        if (order == 2) {
            double r1 = SECOND_ORDER_R1;
            StageTime s1 = StageTime.of(c, i, r1);
            EvalRef u = b.stage(firstOrderTo(s1, sigmaS, s, r1 * h), s1.time(), s1.alpha(), s1.sigma());
            LinearForm diff = LinearForm.model(u).minus(modelS);
            double weight = taylor ? alphaT * h * Phi.phi2(h) / r1 : 0.5 / r1 * alphaT * h * Phi.phi1(h);
            return b.output(first.plus(diff.times(weight)));
        }
        double r1 = THIRD_ORDER_R1;
        double r2 = THIRD_ORDER_R2;
        StageTime s1 = StageTime.of(c, i, r1);
        StageTime s2 = StageTime.of(c, i, r2);
        EvalRef u1 = b.stage(firstOrderTo(s1, sigmaS, s, r1 * h), s1.time(), s1.alpha(), s1.sigma());
        double r2h = r2 * h;
        LinearForm u2Input = firstOrderTo(s2, sigmaS, s, r2h)
                .plus(LinearForm.model(u1).minus(modelS).times(r2 / r1 * s2.alpha() * r2h * Phi.phi2(r2h)));
        EvalRef u2 = b.stage(u2Input, s2.time(), s2.alpha(), s2.sigma());
        LinearForm diff2 = LinearForm.model(u2).minus(modelS);
        return b.output(first.plus(diff2.times(alphaT * h * Phi.phi2(h) / r2)));
    }

    /** (σ<sub>r</sub>/σ<sub>s</sub>)x + α<sub>r</sub>·rh·φ<sub>1</sub>(−rh)·D<sub>s</sub>: the DDIM step to the intermediate time. */
    static LinearForm firstOrderTo(StageTime r, double sigmaS, EvalRef s, double rh) {
        return LinearForm.state().times(r.sigma() / sigmaS).plus(LinearForm.model(s).times(r.alpha() * rh * Phi.phi1(rh)));
    }
}
