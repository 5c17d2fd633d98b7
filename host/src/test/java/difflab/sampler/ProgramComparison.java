package difflab.sampler;

import difflab.grid.GridType;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Compares the coefficient programs of two samplers step by step: the stage times and every coefficient of every
 * combination, in units in the last place of the largest coefficient of that combination (the scale at which the
 * combination's terms are summed, so that a coefficient which is a small difference of large φ-terms is judged at
 * the scale of those terms).
 */
final class ProgramComparison {
    private ProgramComparison() {
    }

    /** The largest distance over all steps of an {@code steps}-step run on the contract's schedule and grid. */
    static double maxUlpDistance(Sampler a, Sampler b, int steps) {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule, new GridType.UniformLogSnr().build(schedule,
                SamplerOrderContract.T_START, SamplerOrderContract.T_END, steps));
        double worst = 0;
        for (int i = 0; i < steps; i++) {
            worst = Math.max(worst, maxUlpDistance(a.step(ctx, i), b.step(ctx, i)));
        }
        return worst;
    }

    /** The largest distance between two programs; infinite if their shapes (stages, terms) differ. */
    static double maxUlpDistance(StepProgram p, StepProgram q) {
        if (p.stages().size() != q.stages().size()) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int k = 0; k < p.stages().size(); k++) {
            Stage s = p.stages().get(k);
            Stage r = q.stages().get(k);
            worst = Math.max(worst, ulps(s.time(), r.time(), Math.max(Math.abs(s.time()), Math.abs(r.time()))));
            worst = Math.max(worst, ulps(s.alpha(), r.alpha(), Math.max(s.alpha(), r.alpha())));
            worst = Math.max(worst, ulps(s.sigma(), r.sigma(), Math.max(s.sigma(), r.sigma())));
            worst = Math.max(worst, maxUlpDistance(s.input(), r.input()));
        }
        return Math.max(worst, maxUlpDistance(p.output(), q.output()));
    }

    private static double maxUlpDistance(Combination a, Combination b) {
        Map<Term, Double> ca = coefficients(a);
        Map<Term, Double> cb = coefficients(b);
        Set<Term> all = new HashSet<>(ca.keySet());
        all.addAll(cb.keySet());
        double scale = 0;
        for (Map<Term, Double> m : java.util.List.of(ca, cb)) {
            for (double v : m.values()) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        double worst = 0;
        for (Term t : all) {
            worst = Math.max(worst, ulps(ca.getOrDefault(t, 0.0), cb.getOrDefault(t, 0.0), scale));
        }
        return worst;
    }

    /** Coefficients by term, with the state coefficient under the key {@code null}. */
    private static Map<Term, Double> coefficients(Combination c) {
        Map<Term, Double> m = new HashMap<>();
        m.put(null, c.stateCoefficient());
        for (int k = 0; k < c.terms().size(); k++) {
            m.merge(c.terms().get(k), c.coefficient(k), Double::sum);
        }
        return m;
    }

    private static double ulps(double x, double y, double scale) {
        return x == y ? 0.0 : Math.abs(x - y) / Math.ulp(scale);
    }
}
