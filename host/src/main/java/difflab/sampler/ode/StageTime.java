package difflab.sampler.ode;

import difflab.sampler.SamplingContext;

/**
 * A time inside step i at a fixed fraction r of the step in half log-SNR: λ<sub>r</sub> = λ<sub>s</sub> + r·h with
 * h = λ<sub>t</sub> − λ<sub>s</sub> (the intermediate times of DPM-Solver's {@code singlestep_*_update}, docs/ALGORITHMS.md §4.1,
 * and the stage nodes c<sub>i</sub> of the exponential Runge–Kutta steps of RES, docs/ALGORITHMS.md §0.5). The schedule time is
 * t<sub>r</sub> = {@code schedule.timeOfLambda(λ_r)} and α, σ are read at that time, as the official code does
 * ({@code s1 = ns.inverse_lambda(lambda_s1)}, then {@code marginal_alpha(s1)}). Fractions 0 and 1 return the grid
 * points themselves, without a round trip through λ.
 *
 * @param time   schedule time t<sub>r</sub>
 * @param alpha  α at t<sub>r</sub>
 * @param sigma  σ at t<sub>r</sub>
 */
public record StageTime(double time, double alpha, double sigma) {

    /**
     * The time at fraction {@code fraction} of step {@code step}.
     *
     * @throws IllegalArgumentException if the fraction is not in [0, 1]
     */
    public static StageTime of(SamplingContext c, int step, double fraction) {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("stage fraction r=" + fraction + " is outside the step; accepted: [0, 1]");
        }
        if (fraction == 0.0) {
            return new StageTime(c.t(step), c.alpha(step), c.sigma(step));
        }
        if (fraction == 1.0) {
            return new StageTime(c.t(step + 1), c.alpha(step + 1), c.sigma(step + 1));
        }
        double lambda = c.lambda(step) + fraction * c.h(step);
        double t = c.schedule().timeOfLambda(lambda);
        return new StageTime(t, c.schedule().alpha(t), c.schedule().sigma(t));
    }
}
