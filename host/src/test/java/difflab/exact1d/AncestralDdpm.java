package difflab.exact1d;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * Test-only DDPM ancestral step in VP form with the β variance (Ho et al. 2020, eq. 11 with σ<sub>t</sub>² = β<sub>t</sub>):
 * from s to t with a = α<sub>s</sub>/α<sub>t</sub>, b² = 1 − a²,
 * <pre>  x_t = (x_s + b²·s_s(x_s))/a + b·z,   s_s = (α_s D − x_s)/σ_s².</pre>
 * Its kernel is Gaussian in x<sub>t</sub> given x<sub>s</sub>, which is what the grid propagation is checked against.
 */
record AncestralDdpm() implements Sampler {
    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("test-ddpm",
                "DDPM ancestral, beta variance (test only)",
                "Ho, Jain, Abbeel 2020, eq. 11",
                1, 1, 0)
                .withStochastic(true);
    }

    /** a and b² of step i. */
    static double[] coefficients(SamplingContext c, int i) {
        double delta = c.schedule().logAlpha(c.t(i)) - c.schedule().logAlpha(c.t(i + 1));
        return new double[] {Math.exp(delta), -Math.expm1(2 * delta)};
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        double[] ab = coefficients(c, i);
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef d = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        return b.output(LinearForm.state().times(1 / ab[0])
                .plus(LinearForm.score(d, c.alpha(i), c.sigma(i)).times(ab[1] / ab[0]))
                .plus(LinearForm.noise(0).times(Math.sqrt(ab[1]))));
    }
}
