package difflab.backend;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * A test-only stochastic two-stage multistep program that exercises every kind of term the kernels
 * support: noise in a stage input, two noise streams in the output, a stored stage point of this step,
 * and a model output and a stage point of the previous step. Its base is the first-order SDE-DPM-Solver++
 * step (Lu et al. 2022b, eq. for SDE-DPM-Solver++1):
 * {@code x' = (σ_t/σ_s)e^{−h} x + α_t(1 − e^{−2h}) D + σ_t sqrt(1 − e^{−2h}) z}, with D replaced by a
 * blend of the two stages and small history corrections. It is not a sampler anyone should use.
 */
public record CrossCheckSampler() implements Sampler {

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("test-crosscheck",
                "test program covering noise, points and history",
                "test only",
                1, 2, 1)
                .withStochastic(true);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef r0 = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        LinearForm in1 = LinearForm.state().times(0.8).plus(LinearForm.model(r0).times(0.2 * c.alpha(i)))
                .plus(LinearForm.noise(1).times(0.1 * c.sigma(i)));
        EvalRef r1 = b.stage(in1, c.t(i + 1), c.alpha(i + 1), c.sigma(i + 1));
        double h = c.h(i);
        double decay = Math.exp(-h);
        LinearForm blend = LinearForm.model(r0).times(0.7).plus(LinearForm.model(r1).times(0.3));
        LinearForm out = LinearForm.state().times(c.sigma(i + 1) / c.sigma(i) * decay)
                .plus(blend.times(c.alpha(i + 1) * -Math.expm1(-2 * h)))
                .plus(LinearForm.noise(0).times(c.sigma(i + 1) * Math.sqrt(-Math.expm1(-2 * h))))
                .plus(LinearForm.noise(2).times(0.01))
                .plus(LinearForm.point(r1).minus(LinearForm.state()).times(0.01));
        if (i > 0) {
            EvalRef prev = EvalRef.atGridPoint(c, i - 1);
            out = out.plus(LinearForm.model(prev).minus(LinearForm.model(r0)).times(0.02))
                    .plus(LinearForm.point(prev).minus(LinearForm.state()).times(0.01));
        }
        return b.output(out);
    }
}
