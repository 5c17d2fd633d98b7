package difflab.sampler.ode;

import difflab.math.Phi;
import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * DPM-Solver-1, -2, -3: singlestep exponential integrators of the probability-flow ODE in its noise-prediction
 * form x<sub>t</sub> = (α<sub>t</sub>/α<sub>s</sub>)x<sub>s</sub> − α<sub>t</sub>∫e<sup>−λ</sup>ε dλ (Lu et al. 2022, "DPM-Solver",
 * Algorithms 1 and 2; official {@code dpm_solver_pytorch.py} {@code dpm_solver_first_update},
 * {@code singlestep_dpm_solver_second_update}, {@code singlestep_dpm_solver_third_update} with
 * {@code algorithm_type='dpmsolver'}; docs/ALGORITHMS.md §4.1, VERIFIED).
 *
 * <p>Step s → t, h = λ<sub>t</sub> − λ<sub>s</sub>, intermediate times λ<sub>s_k</sub> = λ<sub>s</sub> + r<sub>k</sub>h, ε<sub>u</sub> = ε(u, s<sub>k</sub>):
 * <pre>
 *  1: x_t = (α_t/α_s)x − σ_t(e^h−1)ε_s                                                      (= DDIM)
 *  2: (r1 = 1/2)  u  = (α_s1/α_s)x − σ_s1(e^{r1 h}−1)ε_s
 *                 x_t = (α_t/α_s)x − σ_t(e^h−1)ε_s − (1/(2r1))σ_t(e^h−1)(ε_u − ε_s)          ('dpmsolver')
 *                 x_t = (α_t/α_s)x − σ_t(e^h−1)ε_s − (1/r1)σ_t((e^h−1)/h − 1)(ε_u − ε_s)     ('taylor')
 *  3: (r1 = 1/3, r2 = 2/3)
 *                 u1 = (α_s1/α_s)x − σ_s1(e^{r1 h}−1)ε_s
 *                 u2 = (α_s2/α_s)x − σ_s2(e^{r2 h}−1)ε_s − (r2/r1)σ_s2((e^{r2 h}−1)/(r2 h) − 1)(ε_u1 − ε_s)
 *                 x_t = (α_t/α_s)x − σ_t(e^h−1)ε_s − (1/r2)σ_t((e^h−1)/h − 1)(ε_u2 − ε_s)
 * </pre>
 * The noise predictions are written in the data-prediction basis, ε = (p − α·D)/σ
 * ({@link LinearForm#noisePrediction}), so kernels evaluate only D. The weights are evaluated stably:
 * e<sup>z</sup>−1 = {@code expm1(z)} and (e<sup>z</sup>−1)/z − 1 = z·φ<sub>2</sub>(z) via {@link Phi} (the official code forms
 * {@code expm1(h)/h − 1}, which is the same number up to cancellation for small h).
 *
 * <p>Nominal order = NFE per step = {@code order}. The 'dpmsolver' order-2 weight matches the exact second-order
 * condition only as h → 0; the 'taylor' one, σ<sub>t</sub>·h·φ<sub>2</sub>(h)/r<sub>1</sub>, satisfies it exactly. Exactness
 * (DERIVED, tested): when D is constant, ε is constant along every exact trajectory, and the first-order stages are
 * exact, so every variant is exact for a constant D; every variant is also exact when ε is a constant function
 * of λ, and the 'taylor' order 2 and the order 3 are exact when ε is affine in λ.
 *
 * @param order  1, 2 or 3
 * @param taylor for order 2, the 'taylor' solver type; rejected for orders 1 and 3
 */
public record DpmSolverSinglestep(int order, boolean taylor) implements Sampler {
    /** Intermediate fraction r<sub>1</sub> of DPM-Solver-2 (official default). */
    public static final double SECOND_ORDER_R1 = 0.5;
    /** Intermediate fractions r<sub>1</sub>, r<sub>2</sub> of DPM-Solver-3 (official default). */
    public static final double THIRD_ORDER_R1 = 1.0 / 3.0;
    public static final double THIRD_ORDER_R2 = 2.0 / 3.0;

    public DpmSolverSinglestep {
        if (order < 1 || order > 3) {
            throw new IllegalArgumentException("DPM-Solver singlestep order=" + order + "; accepted: 1, 2, 3");
        }
        if (taylor && order != 2) {
            throw new IllegalArgumentException("DPM-Solver-" + order + " has no 'taylor' variant here; accepted: "
                    + "taylor only with order 2");
        }
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("dpm-solver-" + order + (taylor ? "-taylor" : ""),
                "DPM-Solver-" + order + (taylor ? " 'taylor' variant" : "") + ", noise prediction, singlestep",
                "Lu et al. 2022, DPM-Solver Algorithms 1-2; official dpm_solver_pytorch.py "
                        + (order == 1 ? "dpm_solver_first_update"
                                : "singlestep_dpm_solver_" + (order == 2 ? "second" : "third") + "_update")
                        + " (algorithm_type='dpmsolver'" + (order == 2 ? ", solver_type='" + (taylor ? "taylor" : "dpmsolver")
                                + "'" : "") + ")",
                order, order, 0);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        double h = c.h(i);
        double alphaS = c.alpha(i);
        double sigmaS = c.sigma(i);
        double sigmaT = c.sigma(i + 1);
        EvalRef s = b.stage(LinearForm.state(), c.t(i), alphaS, sigmaS);
        LinearForm epsS = LinearForm.noisePrediction(s, alphaS, sigmaS);
        LinearForm first = LinearForm.state().times(c.alpha(i + 1) / alphaS).minus(epsS.times(sigmaT * Math.expm1(h)));
        if (order == 1) {
            return b.output(first);
        }
        if (order == 2) {
            double r1 = SECOND_ORDER_R1;
            StageTime s1 = StageTime.of(c, i, r1);
            EvalRef u = b.stage(firstOrderTo(s1, alphaS, epsS, r1 * h), s1.time(), s1.alpha(), s1.sigma());
            LinearForm diff = LinearForm.noisePrediction(u, s1.alpha(), s1.sigma()).minus(epsS);
            double weight = taylor ? sigmaT * h * Phi.phi2(-h) / r1 : 0.5 / r1 * sigmaT * Math.expm1(h);
            return b.output(first.minus(diff.times(weight)));
        }
        double r1 = THIRD_ORDER_R1;
        double r2 = THIRD_ORDER_R2;
        StageTime s1 = StageTime.of(c, i, r1);
        StageTime s2 = StageTime.of(c, i, r2);
        EvalRef u1 = b.stage(firstOrderTo(s1, alphaS, epsS, r1 * h), s1.time(), s1.alpha(), s1.sigma());
        LinearForm diff1 = LinearForm.noisePrediction(u1, s1.alpha(), s1.sigma()).minus(epsS);
        double r2h = r2 * h;
        LinearForm u2Input = firstOrderTo(s2, alphaS, epsS, r2h)
                .minus(diff1.times(r2 / r1 * s2.sigma() * r2h * Phi.phi2(-r2h)));
        EvalRef u2 = b.stage(u2Input, s2.time(), s2.alpha(), s2.sigma());
        LinearForm diff2 = LinearForm.noisePrediction(u2, s2.alpha(), s2.sigma()).minus(epsS);
        return b.output(first.minus(diff2.times(sigmaT * h * Phi.phi2(-h) / r2)));
    }

    /** (α<sub>r</sub>/α<sub>s</sub>)x − σ<sub>r</sub>(e<sup>rh</sup>−1)ε<sub>s</sub>: the DPM-Solver-1 step to the intermediate time. */
    private static LinearForm firstOrderTo(StageTime r, double alphaS, LinearForm epsS, double rh) {
        return LinearForm.state().times(r.alpha() / alphaS).minus(epsS.times(r.sigma() * Math.expm1(rh)));
    }
}
