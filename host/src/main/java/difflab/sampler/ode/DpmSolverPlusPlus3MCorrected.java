package difflab.sampler.ode;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.MultistepOptions;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * DPM-Solver++(3M) with the second-difference weight corrected so that the update is third order (a difflab
 * finding, DERIVED here and measured; not a published method). Identical to {@link DpmSolverPlusPlusMultistep}
 * order 3 (spec §4.2) except for the factor 2 on the D2 term:
 * <pre>
 *  published: x_t = (σ_t/σ_0)x + α_t hφ1(−h)·D_0 + α_t hφ2(−h)·D1 + α_t hφ3(−h)·D2
 *  corrected: x_t = (σ_t/σ_0)x + α_t hφ1(−h)·D_0 + α_t hφ2(−h)·D1 + 2·α_t hφ3(−h)·D2
 * </pre>
 * (the published weight is −α<sub>t</sub>φ3c with φ3c = φ2c/h − ½ = −hφ<sub>3</sub>(−h)). Why: in EDM coordinates the exact
 * step is x̃<sub>t</sub> = e<sup>−h</sup>x̃ + hφ<sub>1</sub>D + h²φ<sub>2</sub>D' + h³φ<sub>3</sub>D'' + O(h⁴) (spec §3.1). Expanding the
 * divided differences of D at λ<sub>0</sub>, λ<sub>0</sub> − h<sub>0</sub>, λ<sub>0</sub> − h<sub>0</sub> − h<sub>1</sub> gives
 * D1 = hD' + O(h³) but D2 = (D1<sub>0</sub> − D1<sub>1</sub>)/(r<sub>0</sub> + r<sub>1</sub>) = h²D''/2 + O(h³), so the published D'' term is
 * h³φ<sub>3</sub>D''/2 ≈ h³D''/12 instead of h³φ<sub>3</sub>D'' ≈ h³D''/6: a local error O(h³), global order 2. Doubling the
 * weight removes it. Checked exactly: one published 3M step on a D quadratic in λ misses
 * α<sub>t</sub>h³φ<sub>3</sub>(−h)D''/2 to rounding, and this variant started from exact history is exact for such D
 * (DpmSolverPlusPlus3MOrderTest, DpmSolverPlusPlus3MCorrectedOrderTest).
 *
 * <p>Measured (order contract: linear VP, uniform λ, t from 1 to 1e-3, N = 128..1024; DpmSolverPlusPlus3MCorrectedOrderTest):
 * <ul>
 * <li>as registered (DDIM, then 2M warm-up): Gaussian mixture slope 3.07 (errors 4.0e-5, 4.4e-6, 5.3e-7, 6.7e-8).
 * On the Gaussian the single DDIM step's O(h²) local error, small because D hardly varies at λ<sub>T</sub> ≈ −5, crosses
 * the 3M error between N = 256 and 1024 (errors 2.9e-6, 1.2e-7, 1.7e-8, 5.9e-9): no clean slope there, and
 * asymptotically that warm-up caps the order at 2;</li>
 * <li>started by two DPM-Solver++(3S) steps: mixture 3.11, Gaussian 3.90 (per-doubling slopes 4.0, 3.9, 3.8, slowly
 * falling: the Gaussian is pre-asymptotic, its h³ coefficient is small).</li>
 * </ul>
 * 1 NFE per step; warm-up and lower-order-final per {@link MultistepOptions}.
 *
 * @param options warm-up / lower-order-final rules
 */
public record DpmSolverPlusPlus3MCorrected(MultistepOptions options) implements Sampler {
    /** The factor on the published D2 weight that makes the D'' term exact: D2 estimates h²D''/2, not h²D''. */
    static final double CORRECTED_D2_WEIGHT = 2.0;

    @Override
    public String id() {
        return "dpmpp-3m-corrected";
    }

    @Override
    public String description() {
        return "DPM-Solver++(3M) with the second-difference weight doubled to 2h*phi3(-h) (difflab correction)";
    }

    @Override
    public String source() {
        return "Lu et al. 2022b, DPM-Solver++ multistep_dpm_solver_third_update, D2 weight corrected by a Taylor "
                + "expansion (DERIVED in difflab, not published)";
    }

    @Override
    public int nominalOrder() {
        return 3;
    }

    @Override
    public int evaluationsPerStep() {
        return 1;
    }

    @Override
    public int historyLength() {
        return 2;
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
