package difflab.sampler.ode;

import difflab.math.Phi;
import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * DPM-Solver-1, -2, -3 and DPM-Solver++ 1, (2S), (3S): singlestep exponential integrators of the probability-flow
 * ODE, one update rule in either {@link PredictionBasis} (official {@code dpm_solver_pytorch.py}
 * {@code dpm_solver_first_update}, {@code singlestep_dpm_solver_second_update},
 * {@code singlestep_dpm_solver_third_update}, VERIFIED):
 * <ul>
 *   <li>{@link PredictionBasis#NOISE}: the noise-prediction form x<sub>t</sub> = (α<sub>t</sub>/α<sub>s</sub>)x<sub>s</sub>
 *       − α<sub>t</sub>∫e<sup>−λ</sup>ε dλ (Lu et al. 2022, "DPM-Solver", Algorithms 1 and 2,
 *       {@code algorithm_type='dpmsolver'}; docs/ALGORITHMS.md §4.1), ids {@code dpm-solver-k[-taylor]};</li>
 *   <li>{@link PredictionBasis#DATA}: the data-prediction form x<sub>t</sub> = (σ<sub>t</sub>/σ<sub>s</sub>)x<sub>s</sub>
 *       + σ<sub>t</sub>∫e<sup>λ</sup>D dλ (Lu et al. 2022b, "DPM-Solver++", Algorithm 1 (2S),
 *       {@code algorithm_type='dpmsolver++'}; docs/ALGORITHMS.md §4.2), ids {@code dpmpp-1}, {@code dpmpp-ks[-taylor]}.</li>
 * </ul>
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
 * and in the data basis, D<sub>u</sub> = D(u, s<sub>k</sub>):
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
 * The noise predictions are written in the data-prediction basis, ε = (p − α·D)/σ
 * ({@link LinearForm#noisePrediction}), so kernels evaluate only D. The weights are evaluated stably with
 * {@code expm1} and {@link Phi} ({@link PredictionBasis}); the official code forms {@code expm1(h)/h − 1}, the same
 * number up to cancellation for small h. In the data basis the first-order part is the DDIM update
 * ({@link Ddim#firstOrderUpdate}'s form), so DPM-Solver++1 gives bit-identical particles to DDIM.
 *
 * <p>Nominal order = NFE per step = {@code order}. The 'dpmsolver' order-2 weight matches the exact second-order
 * condition only as h → 0; the 'taylor' one (the exact φ<sub>2</sub>, docs/ALGORITHMS.md §3.2:
 * Σb<sub>i</sub>c<sub>i</sub> = φ<sub>2</sub>) satisfies it exactly. Exactness (DERIVED, tested): every variant is
 * exact for a constant D (in the noise basis, ε is then constant along every exact trajectory and the first-order
 * stages are exact); the 'taylor' order 2 and the order 3 are also exact when the basis's prediction is affine in λ.
 *
 * @param order  1, 2 or 3
 * @param taylor for order 2, the 'taylor' solver type; rejected for orders 1 and 3
 * @param basis  the prediction the rule integrates
 */
public record DpmSolverSinglestep(int order, boolean taylor, PredictionBasis basis) implements Sampler {
    /** Intermediate fraction r<sub>1</sub> of the order-2 solver (official default). */
    public static final double SECOND_ORDER_R1 = 0.5;
    /** Intermediate fractions r<sub>1</sub>, r<sub>2</sub> of the order-3 solver (official default). */
    public static final double THIRD_ORDER_R1 = 1.0 / 3.0;
    public static final double THIRD_ORDER_R2 = 2.0 / 3.0;

    public DpmSolverSinglestep {
        if (basis == null) {
            throw new IllegalArgumentException("DPM-Solver singlestep basis is null; accepted: NOISE, DATA");
        }
        String name = basis == PredictionBasis.NOISE ? "DPM-Solver" : "DPM-Solver++";
        if (order < 1 || order > 3) {
            throw new IllegalArgumentException(name + " singlestep order=" + order + "; accepted: 1, 2, 3");
        }
        if (taylor && order != 2) {
            throw new IllegalArgumentException(name + " order " + order + " has no 'taylor' variant here; accepted: "
                    + "taylor only with order 2");
        }
    }

    @Override
    public SamplerInfo info() {
        String update = (order == 1 ? "dpm_solver_first_update"
                : "singlestep_dpm_solver_" + (order == 2 ? "second" : "third") + "_update")
                + " (algorithm_type='" + (basis == PredictionBasis.NOISE ? "dpmsolver" : "dpmsolver++") + "'"
                + (order == 2 ? ", solver_type='" + (taylor ? "taylor" : "dpmsolver") + "'" : "") + ")";
        if (basis == PredictionBasis.NOISE) {
            return SamplerInfo.of("dpm-solver-" + order + (taylor ? "-taylor" : ""),
                    "DPM-Solver-" + order + (taylor ? " 'taylor' variant" : "") + ", noise prediction, singlestep",
                    "Lu et al. 2022, DPM-Solver Algorithms 1-2; official dpm_solver_pytorch.py " + update,
                    order, order, 0);
        }
        return SamplerInfo.of(order == 1 ? "dpmpp-1" : "dpmpp-" + order + "s" + (taylor ? "-taylor" : ""),
                (order == 1 ? "DPM-Solver++1 (= DDIM)" : "DPM-Solver++(" + order + "S)")
                        + (taylor ? " 'taylor' variant (= RES-2S)" : "") + ", data prediction, singlestep",
                "Lu et al. 2022b, DPM-Solver++ Algorithm 1; official dpm_solver_pytorch.py " + update,
                order, order, 0);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        double h = c.h(i);
        double alphaS = c.alpha(i);
        double sigmaS = c.sigma(i);
        double alphaT = c.alpha(i + 1);
        double sigmaT = c.sigma(i + 1);
        EvalRef s = b.stage(LinearForm.state(), c.t(i), alphaS, sigmaS);
        LinearForm predS = basis.prediction(s, alphaS, sigmaS);
        LinearForm first = firstOrderTo(alphaT, sigmaT, alphaS, sigmaS, predS, h);
        if (order == 1) {
            return b.output(first);
        }
        if (order == 2) {
            double r1 = SECOND_ORDER_R1;
            StageTime s1 = StageTime.of(c, i, r1);
            EvalRef u = b.stage(firstOrderTo(s1.alpha(), s1.sigma(), alphaS, sigmaS, predS, r1 * h), s1.time(),
                    s1.alpha(), s1.sigma());
            LinearForm diff = basis.prediction(u, s1.alpha(), s1.sigma()).minus(predS);
            double weight = taylor ? basis.secondOrderWeight(1.0, alphaT, sigmaT, h) / r1
                    : basis.firstOrderWeight(0.5 / r1, alphaT, sigmaT, h);
            return b.output(basis.add(first, diff, weight));
        }
        double r1 = THIRD_ORDER_R1;
        double r2 = THIRD_ORDER_R2;
        StageTime s1 = StageTime.of(c, i, r1);
        StageTime s2 = StageTime.of(c, i, r2);
        EvalRef u1 = b.stage(firstOrderTo(s1.alpha(), s1.sigma(), alphaS, sigmaS, predS, r1 * h), s1.time(),
                s1.alpha(), s1.sigma());
        LinearForm diff1 = basis.prediction(u1, s1.alpha(), s1.sigma()).minus(predS);
        double r2h = r2 * h;
        LinearForm u2Input = basis.add(firstOrderTo(s2.alpha(), s2.sigma(), alphaS, sigmaS, predS, r2h), diff1,
                basis.secondOrderWeight(r2 / r1, s2.alpha(), s2.sigma(), r2h));
        EvalRef u2 = b.stage(u2Input, s2.time(), s2.alpha(), s2.sigma());
        LinearForm diff2 = basis.prediction(u2, s2.alpha(), s2.sigma()).minus(predS);
        return b.output(basis.add(first, diff2, basis.secondOrderWeight(1.0, alphaT, sigmaT, h) / r2));
    }

    /** The first-order (DDIM) step of length {@code rh} from s to a point with α<sub>r</sub>, σ<sub>r</sub>. */
    private LinearForm firstOrderTo(double alphaR, double sigmaR, double alphaS, double sigmaS, LinearForm predS,
                                    double rh) {
        return basis.add(LinearForm.state().times(basis.stateRatio(alphaR, sigmaR, alphaS, sigmaS)), predS,
                basis.firstOrderWeight(1.0, alphaR, sigmaR, rh));
    }
}
