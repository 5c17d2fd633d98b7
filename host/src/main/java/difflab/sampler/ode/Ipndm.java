package difflab.sampler.ode;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * iPNDM (Zhang &amp; Chen 2023, DEIS paper §5 / App., "improved PNDM"; official {@code th_deis/sampler.py}
 * {@code get_sampler_ipndm}): the DDIM step with ε replaced by the constant-step Adams–Bashforth combination of the
 * latest noise predictions, the order growing with the step index as the warm-up:
 * <pre>
 *   x_{i+1} = (α_{i+1}/α_i)·x_i + (σ_{i+1} − (α_{i+1}/α_i)·σ_i)·Σ_k a_k·ε_{i−k}
 *   a = [1] (i = 0),  [3, −1]/2 (i = 1),  [23, −16, 5]/12 (i = 2),  [55, −59, 37, −9]/24 (i ≥ 3)
 * </pre>
 * The weights are those of Adams–Bashforth on equal steps; the official code uses them on any grid. Nominal order 4.
 * 1 NFE per step. Source and certainty: docs/ALGORITHMS.md §8.10.
 */
public record Ipndm() implements Sampler {
    private static final double[][] ADAMS_BASHFORTH = {
        {1.0},
        {3.0 / 2.0, -1.0 / 2.0},
        {23.0 / 12.0, -16.0 / 12.0, 5.0 / 12.0},
        {55.0 / 24.0, -59.0 / 24.0, 37.0 / 24.0, -9.0 / 24.0},
    };

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("ipndm",
                "iPNDM (DEIS paper), constant-step Adams-Bashforth 4 on the DDIM step, noise prediction",
                "Zhang & Chen 2023, DEIS (iPNDM); official th_deis sampler.py get_sampler_ipndm",
                4, 1, 3);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef current = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        double[] a = ADAMS_BASHFORTH[Math.min(i, ADAMS_BASHFORTH.length - 1)];
        LinearForm eps = LinearForm.zero();
        for (int k = 0; k < a.length; k++) {
            EvalRef ref = k == 0 ? current : EvalRef.atGridPoint(c, i - k);
            eps = eps.plus(LinearForm.noisePrediction(ref).times(a[k]));
        }
        double ratio = c.alpha(i + 1) / c.alpha(i);
        return b.output(LinearForm.state().times(ratio).plus(eps.times(c.sigma(i + 1) - ratio * c.sigma(i))));
    }
}
