package difflab.sampler.ode;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.MultistepOptions;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * UniC as a corrector on DPM-Solver++(2M): Zhao et al. 2023 (UniPC, NeurIPS) §3.1, "UniC can be applied after any
 * existing DPM sampler to increase the order of accuracy", with the official
 * {@code uni_pc.py} corrector of {@code multistep_uni_pc_bh_update} (B(h) variant 'bh1', the official default).
 *
 * <p>Step i from t<sub>i</sub> to t = t<sub>i+1</sub> at order p (1 at the warm-up step, else 2; lower-order-final as for
 * {@code dpmpp-2m}): the predictor is DPM-Solver++(2M) (Lu et al. 2022b, Algorithm 2; DDIM at p = 1) from x<sub>i</sub> and
 * the evaluations at t<sub>i</sub>, t<sub>i−1</sub>, giving x̃<sub>t</sub>; the one evaluation of the step is D(x̃<sub>t</sub>, t), named
 * {@link EvalRef#atGridPoint} of t<sub>i+1</sub>, and UniC-p ({@link UniPc}, same p) replaces x̃<sub>t</sub> by
 * <pre>
 *   x_t = x_t⁻ − α_t·B(h)·(Σ_{k&lt;p} ρ^c_k·D1_k + ρ^c_p·(D(x̃_t, t) − D_0)),   ρ^c solves R·ρ = b
 * </pre>
 * As in the official sampler the evaluation at the predicted point is the history of later steps, and the last step
 * runs the predictor only (N evaluations a run). UniC-p after an order-p predictor gives order p + 1: nominal 3
 * (docs/ALGORITHMS.md §8.7).
 *
 * @param variant B(h) of the corrector
 * @param options warm-up / lower-order-final rules of the predictor
 */
public record DpmSolverPlusPlus2MUniC(UniPc.Variant variant, MultistepOptions options) implements Sampler {

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("dpmpp-2m-unic" + (variant == UniPc.Variant.BH1 ? "" : "-" + variant.id()),
                "DPM-Solver++(2M) predictor with the UniC-2 corrector (" + variant.id() + ")",
                "Zhao et al. 2023, UniPC §3.1 (UniC after any solver), official uni_pc.py; Lu et al. 2022b DPM-Solver++(2M)",
                3, 1, 2);
    }

    @Override
    public Sampler forOrderStudy() {
        return new DpmSolverPlusPlus2MUniC(variant, MultistepOptions.noLowerOrderFinal());
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef d0 = i > 0 ? EvalRef.atGridPoint(c, i) : b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        int p = options.effectiveOrder(2, i, c.steps());
        LinearForm predicted = p == 1 ? Ddim.firstOrderUpdate(c, i, d0)
                : DpmSolverPlusPlusMultistep.secondOrderUpdate(c, i, d0, false);
        if (c.isLast(i)) {
            return b.output(predicted);
        }
        EvalRef dt = b.stage(predicted, EvalRef.atGridPoint(c, i + 1));
        return b.output(UniPc.uniC(c, i, p, variant, d0, dt));
    }
}
