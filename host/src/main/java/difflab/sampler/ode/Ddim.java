package difflab.sampler.ode;

import difflab.math.Phi;
import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * DDIM (Song et al. 2021) = DPM-Solver-1 = DPM-Solver++1 = SciRE-1, the first-order exponential integrator of the
 * probability-flow ODE. From s to t with h = λ<sub>t</sub> − λ<sub>s</sub> (docs/ALGORITHMS.md §4.2):
 * <pre>  x_t = (σ_t/σ_s)·x_s + α_t·h·φ1(−h)·D(x_s, s),   h·φ1(−h) = 1 − e^{−h}</pre>
 * Exact when D is constant. Order 1, 1 NFE per step.
 */
public record Ddim() implements Sampler {

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("ddim",
                "DDIM / DPM-Solver-1: first-order exponential integrator",
                "Song, Meng, Ermon 2021 (DDIM); Lu et al. 2022 (DPM-Solver) eq. 3.7",
                1, 1, 0);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef d0 = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        return b.output(firstOrderUpdate(c, i, d0));
    }

    /** (σ<sub>t</sub>/σ<sub>s</sub>)·x + α<sub>t</sub>·h·φ1(−h)·D: the DDIM update of step i from evaluation {@code d0}. */
    static LinearForm firstOrderUpdate(SamplingContext c, int i, EvalRef d0) {
        double h = c.h(i);
        return LinearForm.state().times(c.sigma(i + 1) / c.sigma(i))
                .plus(LinearForm.model(d0).times(c.alpha(i + 1) * h * Phi.phi1(h)));
    }
}
