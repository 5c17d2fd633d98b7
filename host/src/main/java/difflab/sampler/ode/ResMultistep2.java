package difflab.sampler.ode;

import difflab.math.Phi;
import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.MultistepOptions;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * RES-2M: the second-order multistep (Adams–Bashforth type) exponential integrator of Zhang, Song, Chen 2023
 * (arXiv 2308.02157; NVIDIA Cosmos {@code order2_fn}, "the second order multistep method in arXiv 2308.02157, Adams
 * Bashforth approach", and ComfyUI {@code res_multistep}; docs/ALGORITHMS.md §3.4, VERIFIED). It is the RES-2S formula with the
 * previous step's denoiser as "stage 2" at the negative node c<sub>2</sub> = (λ<sub>prev</sub> − λ<sub>s</sub>)/h = −h<sub>prev</sub>/h:
 * <pre>
 *   b2 = φ2(−h)/c2,   b1 = φ1(−h) − b2
 *   x_t = (σ_t/σ_s)x + α_t·h·(b1·D_s + b2·D_prev)
 * </pre>
 * First step (no history): DDIM. docs/ALGORITHMS.md §3.4 lowers no order at the end (Cosmos and ComfyUI only replace a final step
 * to σ = 0 by x = D, which cannot occur on difflab's grids ending at t<sub>0</sub> &gt; 0), so the registered instance uses
 * {@link MultistepOptions#noLowerOrderFinal()}; other options can be passed.
 *
 * <p>Equivalence (docs/ALGORITHMS.md §3.4, DERIVED; tested to a few ulps): with r<sub>0</sub> = h<sub>prev</sub>/h = −c<sub>2</sub> this is
 * DPM-Solver++(2M) 'taylor', x<sub>t</sub> = (σ<sub>t</sub>/σ<sub>s</sub>)x + α<sub>t</sub>hφ<sub>1</sub>D<sub>s</sub> + α<sub>t</sub>hφ<sub>2</sub>(D<sub>s</sub> − D<sub>prev</sub>)/r<sub>0</sub>.
 * Order 2, 1 NFE per step.
 *
 * @param options warm-up / lower-order-final rules
 */
public record ResMultistep2(MultistepOptions options) implements Sampler {

    /** RES-2M as Cosmos and ComfyUI run it: DDIM first step, no lowering at the end. */
    public static ResMultistep2 standard() {
        return new ResMultistep2(MultistepOptions.noLowerOrderFinal());
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("res-2m",
                "RES-2M, second-order multistep exponential integrator (Adams-Bashforth type)",
                "Zhang, Song, Chen 2023 (RES, arXiv 2308.02157); Cosmos order2_fn, ComfyUI res_multistep",
                2, 1, 1);
    }

    @Override
    public Sampler forOrderStudy() {
        return new ResMultistep2(MultistepOptions.noLowerOrderFinal());
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef current = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        if (options.effectiveOrder(2, i, c.steps()) == 1) {
            return b.output(Ddim.firstOrderUpdate(c, i, current));
        }
        double h = c.h(i);
        double c2 = (c.lambda(i - 1) - c.lambda(i)) / h;
        double b2 = Phi.phi2(h) / c2;
        double b1 = Phi.phi1(h) - b2;
        double alphaTh = c.alpha(i + 1) * h;
        return b.output(LinearForm.state().times(c.sigma(i + 1) / c.sigma(i))
                .plus(LinearForm.model(current).times(alphaTh * b1))
                .plus(LinearForm.model(EvalRef.atGridPoint(c, i - 1)).times(alphaTh * b2)));
    }
}
