package difflab.sampler.ode;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.MultistepOptions;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * DPM-Solver++(3M) with the second-difference weight corrected so that the update is third order (a difflab
 * finding, DERIVED here and measured; not a published method). Identical to {@link DpmSolverPlusPlusMultistep}
 * order 3 (docs/ALGORITHMS.md §4.2) except for the factor 2 on the D2 term:
 * <pre>
 *  published: x_t = (σ_t/σ_0)x + α_t hφ1(−h)·D_0 + α_t hφ2(−h)·D1 + α_t hφ3(−h)·D2
 *  corrected: x_t = (σ_t/σ_0)x + α_t hφ1(−h)·D_0 + α_t hφ2(−h)·D1 + 2·α_t hφ3(−h)·D2
 * </pre>
 * (the published weight is −α<sub>t</sub>φ3c with φ3c = φ2c/h − ½ = −hφ<sub>3</sub>(−h)). Why: in EDM coordinates the exact
 * step is x̃<sub>t</sub> = e<sup>−h</sup>x̃ + hφ<sub>1</sub>D + h²φ<sub>2</sub>D' + h³φ<sub>3</sub>D'' + O(h⁴) (docs/ALGORITHMS.md §3.1). Expanding the
 * divided differences of D at λ<sub>0</sub>, λ<sub>0</sub> − h<sub>0</sub>, λ<sub>0</sub> − h<sub>0</sub> − h<sub>1</sub> gives
 * D1 = hD' + O(h³) but D2 = (D1<sub>0</sub> − D1<sub>1</sub>)/(r<sub>0</sub> + r<sub>1</sub>) = h²D''/2 + O(h³), so the published D'' term is
 * h³φ<sub>3</sub>D''/2 ≈ h³D''/12 instead of h³φ<sub>3</sub>D'' ≈ h³D''/6: a local error O(h³), global order 2. Doubling the
 * weight removes it. Checked exactly: one published 3M step on a D quadratic in λ misses
 * α<sub>t</sub>h³φ<sub>3</sub>(−h)D''/2 to rounding, and this variant started from exact history is exact for such D
 * (DpmSolverPlusPlus3MTest, DpmSolverPlusPlus3MCorrectedTest).
 *
 * <p>Measured orders (order table): third order on the mixture both as registered (DDIM, then 2M warm-up)
 * and started by two DPM-Solver++(3S) steps. On the Gaussian, as registered, the single DDIM step's O(h²) local
 * error (small because D hardly varies at λ<sub>T</sub>) crosses the 3M error inside the window, and asymptotically
 * that warm-up caps the order at 2; started by 3S steps the Gaussian slope is near 4 and slowly falling
 * (pre-asymptotic). The numbers are in the README (<i>Order-test measurements</i>).
 * 1 NFE per step; warm-up and lower-order-final per {@link MultistepOptions}.
 *
 * @param options warm-up / lower-order-final rules
 */
public record DpmSolverPlusPlus3MCorrected(MultistepOptions options) implements Sampler {
    /** The factor on the published D2 weight that makes the D'' term exact: D2 estimates h²D''/2, not h²D''. */
    static final double CORRECTED_D2_WEIGHT = 2.0;

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("dpmpp-3m-corrected",
                "DPM-Solver++(3M) with the second-difference weight doubled to 2h*phi3(-h) (difflab correction)",
                "Lu et al. 2022b, DPM-Solver++ multistep_dpm_solver_third_update, D2 weight corrected by a Taylor "
                        + "expansion (DERIVED in difflab, not published)",
                3, 1, 2);
    }

    @Override
    public Sampler forOrderStudy() {
        return new DpmSolverPlusPlus3MCorrected(MultistepOptions.noLowerOrderFinal());
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef d0 = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        int o = options.effectiveOrder(3, i, c.steps());
        if (o == 1) {
            return b.output(Ddim.firstOrderUpdate(c, i, d0));
        }
        if (o == 2) {
            return b.output(DpmSolverPlusPlusMultistep.secondOrderUpdate(c, i, d0, false));
        }
        return b.output(DpmSolverPlusPlusMultistep.thirdOrderUpdate(c, i, d0, CORRECTED_D2_WEIGHT));
    }
}
