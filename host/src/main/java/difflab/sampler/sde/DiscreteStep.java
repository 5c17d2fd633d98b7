package difflab.sampler.sde;

import difflab.sampler.SamplingContext;

/**
 * The discrete-time (DDPM) quantities of one step i of a grid, in the notation of docs/ALGORITHMS.md §0.1 with t the noisier
 * end of the step: ᾱ<sub>t</sub> = α(t<sub>i</sub>)², ᾱ<sub>t−1</sub> = α(t<sub>i+1</sub>)², the per-step
 * α<sub>t</sub> := ᾱ<sub>t</sub>/ᾱ<sub>t−1</sub> = (α(t<sub>i</sub>)/α(t<sub>i+1</sub>))² and β<sub>t</sub> = 1 − α<sub>t</sub>.
 *
 * <p>On {@code DiscreteSchedule.liEtAl(T, c0, c1)} with a uniform-time grid whose points are the schedule's knots
 * n/T, these are exactly the α<sub>t</sub>, β<sub>t</sub> of the Li et al. chain (docs/ALGORITHMS.md §1.1); on any other grid they define
 * the DDPM chain that visits the grid's times. β is computed as −expm1(2(log α<sub>i</sub> − log α<sub>i+1</sub>)) so it stays
 * accurate when it is tiny (β<sub>1</sub> = T<sup>−c0</sup> on Li's schedule).
 *
 * @param alphaStep    α<sub>t</sub> = 1 − β<sub>t</sub>
 * @param beta         β<sub>t</sub>
 * @param alphaBar     ᾱ<sub>t</sub> (at grid point i)
 * @param alphaBarPrev ᾱ<sub>t−1</sub> (at grid point i+1)
 */
record DiscreteStep(double alphaStep, double beta, double alphaBar, double alphaBarPrev) {

    /** The quantities of step i of the context's grid. */
    static DiscreteStep of(SamplingContext c, int i) {
        double logAlphaFrom = c.schedule().logAlpha(c.t(i));
        double logAlphaTo = c.schedule().logAlpha(c.t(i + 1));
        double beta = -Math.expm1(2.0 * (logAlphaFrom - logAlphaTo));
        if (!(beta > 0.0 && beta < 1.0)) {
            throw new IllegalArgumentException("step " + i + " from t=" + c.t(i) + " to t=" + c.t(i + 1)
                    + " has beta=" + beta + "; accepted: 0 < beta < 1 (the grid must move towards less noise)");
        }
        return new DiscreteStep(1.0 - beta, beta, Math.exp(2.0 * logAlphaFrom), Math.exp(2.0 * logAlphaTo));
    }

    /**
     * Ho et al.'s posterior variance β̃<sub>t</sub> = β<sub>t</sub>(1 − ᾱ<sub>t−1</sub>)/(1 − ᾱ<sub>t</sub>)
     * = β<sub>t</sub>·σ(t<sub>i+1</sub>)²/σ(t<sub>i</sub>)².
     */
    double posteriorVariance(SamplingContext c, int i) {
        double ratio = c.sigma(i + 1) / c.sigma(i);
        return beta * ratio * ratio;
    }
}
