package difflab.sampler.ode;

import difflab.sampler.SamplingContext;

/**
 * The discrete-time quantities of Li et al. (docs/ALGORITHMS.md §0.1, §1) read off a general time grid. Between consecutive
 * grid points the per-step coefficient is α<sub>t</sub> := ᾱ<sub>t</sub>/ᾱ<sub>t−1</sub> = (α(t<sub>i</sub>)/α(t<sub>i+1</sub>))², with
 * ᾱ<sub>t</sub> = α(t<sub>i</sub>)² the marginal signal power at the step's start and ᾱ<sub>t−1</sub> = α(t<sub>i+1</sub>)² at its end;
 * ᾱ<sub>t+1</sub> is the previous grid point's. On {@code DiscreteSchedule.liEtAl(T, c0, c1)} with the uniform-time
 * grid from 1 to 1/T (T−1 steps) these are exactly the chain's α<sub>t</sub>, ᾱ<sub>t</sub> (DERIVED: the grid visits
 * the schedule's knots, where log α is exact).
 */
final class LiChain {
    private LiChain() {
    }

    /** The per-step α<sub>t</sub> of step i: (α(t<sub>i</sub>)/α(t<sub>i+1</sub>))². */
    static double stepAlpha(SamplingContext c, int i) {
        return Math.exp(2.0 * logAlphaRatio(c, i));
    }

    /** β<sub>t</sub> = 1 − α<sub>t</sub> of step i, without cancellation. */
    static double stepBeta(SamplingContext c, int i) {
        return -Math.expm1(2.0 * logAlphaRatio(c, i));
    }

    private static double logAlphaRatio(SamplingContext c, int i) {
        return c.schedule().logAlpha(c.t(i)) - c.schedule().logAlpha(c.t(i + 1));
    }
}
