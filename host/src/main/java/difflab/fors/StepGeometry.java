package difflab.fors;

import difflab.sampler.SamplingContext;

/**
 * The coefficients of one reverse step of the FORS diffusion instantiation (docs/ALGORITHMS.md §6.3), from the noisier grid
 * time s = t[k] to t = t[k+1]. The forward step is x<sub>s</sub> = a·x<sub>t</sub> + b·ξ with
 * <pre>  a = α_s/α_t = exp(log α_s − log α_t),   b² = 1 − a² = −expm1(2(log α_s − log α_t))</pre>
 * (VP, so b² is exactly the conditional variance), evaluated through expm1 so that tiny steps keep their digits.
 *
 * @param timeFrom  s
 * @param alphaFrom α<sub>s</sub>
 * @param sigmaFrom σ<sub>s</sub>
 * @param timeTo    t
 * @param alphaTo   α<sub>t</sub>
 * @param sigmaTo   σ<sub>t</sub>
 * @param a         α<sub>s</sub>/α<sub>t</sub> (in (0, 1))
 * @param bSquared  b² = 1 − a²
 */
public record StepGeometry(double timeFrom, double alphaFrom, double sigmaFrom, double timeTo, double alphaTo,
        double sigmaTo, double a, double bSquared) {

    public StepGeometry {
        if (!(a > 0 && a < 1 && bSquared > 0 && bSquared < 1)) {
            throw new IllegalArgumentException("step from t=" + timeFrom + " to t=" + timeTo + " has a=" + a + ", b^2="
                    + bSquared + "; accepted: a step towards lower noise, 0 < a < 1");
        }
    }

    /** The geometry of step k of a context (from t[k] to t[k+1]). */
    public static StepGeometry of(SamplingContext context, int step) {
        if (step < 0 || step >= context.steps()) {
            throw new IllegalArgumentException("step=" + step + " is outside the grid; accepted: 0 <= step < "
                    + context.steps());
        }
        double s = context.t(step);
        double t = context.t(step + 1);
        double delta = context.schedule().logAlpha(s) - context.schedule().logAlpha(t);
        return new StepGeometry(s, context.alpha(step), context.sigma(step), t, context.alpha(step + 1),
                context.sigma(step + 1), Math.exp(delta), -Math.expm1(2.0 * delta));
    }

    /** The proposal's standard deviation per coordinate, ω = b/a. */
    public double proposalStd() {
        return Math.sqrt(bSquared) / a;
    }

    /** The proposal's variance per coordinate, ω² = b²/a². */
    public double proposalVariance() {
        return bSquared / (a * a);
    }
}
