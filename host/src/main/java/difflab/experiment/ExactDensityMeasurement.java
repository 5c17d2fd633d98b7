package difflab.experiment;

import difflab.exact1d.DensityError;
import difflab.exact1d.DensityPropagation;
import difflab.exact1d.DeterministicPushforward;
import difflab.exact1d.Grid1d;
import difflab.exact1d.GridDensity;
import difflab.exact1d.MappedDensity;
import difflab.exact1d.StepProgramTransitions;
import difflab.fors.AcceptanceRule;
import difflab.fors.ForsDiffusionSampler;
import difflab.fors.OrnsteinUhlenbeckSchedule;
import difflab.fors.ReferencePoint;
import difflab.fors.RejectionParameters;
import difflab.fors.StepGeometry;
import difflab.grid.TimeGrid;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.target.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Measures one cell of {@link HighAccuracy} exactly, without Monte Carlo (docs/ALGORITHMS.md §6.4): the 1-D density
 * of the sampler's output is computed on a grid over [−{@value HighAccuracy#DOMAIN}, {@value HighAccuracy#DOMAIN}] and
 * compared with the target p<sub>0</sub> and with the noised marginal q<sub>t0</sub>. One method per sampler kind:
 * FORS (its accepted-output kernels, {@link DensityPropagation#forsWithCosts}), stochastic baselines (their Gaussian
 * transitions, {@link DensityPropagation#stochastic}) and deterministic baselines (the change of variables of their
 * map, {@link DeterministicPushforward}). Every method returns the columns {@link #METRICS}, in that order.
 */
final class ExactDensityMeasurement {
    /** Grid spacing = (smallest kernel standard deviation of the run) / this, or finer (MIN_GRID_POINTS). */
    static final double POINTS_PER_STD = 3.0;
    /** Fewest grid points of any exact evaluation: h ≤ 0.025 resolves every target and marginal used here. */
    static final int MIN_GRID_POINTS = 801;
    /** Points of the x<sub>T</sub> grid of the deterministic pushforward. */
    static final int PRIOR_GRID_POINTS = 2001;

    static final List<String> METRICS = List.of("nfe", "tv", "kl", "kl_reverse", "tv_tmin", "kl_tmin",
            "nfe_sequential", "acceptance", "grid_points", "lost_mass");

    private ExactDensityMeasurement() {
    }

    /** A FORS cell on the tilt-scaled grid {@code times} of {@link HighAccuracy#forsTimes}. */
    static Map<String, Object> fors(Cell cell, Target base, Target model, OrnsteinUhlenbeckSchedule ou, TimeGrid times,
            double end, boolean exactStart) {
        ReferencePoint reference = cell.sampler().equals(HighAccuracy.FORS_DDPM_MEAN) ? ReferencePoint.DDPM_MEAN
                : ReferencePoint.RESCALED_STATE;
        double bound = Double.parseDouble(cell.extra(HighAccuracy.BOUND, String.valueOf(HighAccuracy.BOUND_VALUE)));
        ForsDiffusionSampler sampler = new ForsDiffusionSampler(new RejectionParameters(bound, AcceptanceRule.PRODUCT),
                reference);
        if (times.steps() != cell.steps()) {
            throw new IllegalStateException("tilt-scaled grid has " + times.steps() + " steps, the cell says "
                    + cell.steps());
        }
        SamplingContext ctx = new SamplingContext(ou, times);
        double smallest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < ctx.steps(); k++) {
            smallest = Math.min(smallest, StepGeometry.of(ctx, k).proposalStd());
        }
        Grid1d grid = gridFor(smallest);
        DensityPropagation.ForsPropagation r = DensityPropagation.forsWithCosts(sampler, ctx, model,
                initial(base, ou, grid, exactStart));
        Map<String, Object> m = errors(r.result().output(), base, ou, end);
        m.put("nfe", r.productEvaluations());
        m.put("nfe_sequential", r.sequentialEvaluations());
        m.put("acceptance", r.meanAcceptance());
        m.put("grid_points", grid.points());
        m.put("lost_mass", r.result().skippedMass() + Math.abs(r.result().density().mass() - 1.0));
        return order(m);
    }

    /** A stochastic baseline: its Gaussian transitions applied to the grid density. */
    static Map<String, Object> stochastic(Sampler sampler, SamplingContext ctx, Target base, Target model,
            boolean exactStart) {
        double smallest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < ctx.steps(); k++) {
            double v = StepProgramTransitions.noiseVariance(sampler.step(ctx, k));
            if (v > 0) {
                smallest = Math.min(smallest, Math.sqrt(v));
            }
        }
        Grid1d grid = gridFor(smallest);
        OrnsteinUhlenbeckSchedule ou = (OrnsteinUhlenbeckSchedule) ctx.schedule();
        DensityPropagation.Result r = DensityPropagation.stochastic(sampler, ctx, model,
                initial(base, ou, grid, exactStart));
        Map<String, Object> m = errors(r.output(), base, ou, ctx.grid().end());
        m.put("nfe", (double) sampler.totalEvaluations(ctx));
        m.put("nfe_sequential", Double.NaN);
        m.put("acceptance", Double.NaN);
        m.put("grid_points", grid.points());
        m.put("lost_mass", r.skippedMass() + Math.abs(r.density().mass() - 1.0));
        return order(m);
    }

    /** A deterministic baseline: the change of variables of its whole-run map x<sub>T</sub> → x. */
    static Map<String, Object> deterministic(Sampler sampler, SamplingContext ctx, Target base, Target model,
            boolean exactStart) {
        OrnsteinUhlenbeckSchedule ou = (OrnsteinUhlenbeckSchedule) ctx.schedule();
        double horizon = ou.horizon();
        double end = ctx.grid().end();
        DoubleUnaryOperator prior = exactStart ? x -> base.logDensity(ou.alpha(horizon), ou.sigma(horizon),
                new double[] {x}) : DeterministicPushforward.STANDARD_NORMAL_LOG_DENSITY;
        Grid1d priorGrid = Grid1d.symmetric(HighAccuracy.DOMAIN, PRIOR_GRID_POINTS);
        DeterministicPushforward.Result toData;
        try {
            toData = DeterministicPushforward.evaluate(sampler, ctx, model, base, priorGrid, prior, 1.0, 0.0);
        } catch (IllegalStateException notMonotone) {
            // the sampler's map x_T -> x_0 folds: its output density has no change-of-variables form; record no error
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("nfe", (double) sampler.totalEvaluations(ctx));
            for (String c : List.of("tv", "kl", "kl_reverse", "tv_tmin", "kl_tmin", "nfe_sequential", "acceptance",
                    "lost_mass")) {
                m.put(c, Double.NaN);
            }
            m.put("grid_points", priorGrid.points());
            return order(m);
        }
        DeterministicPushforward.Result toEnd = DeterministicPushforward.evaluate(sampler, ctx, model, base, priorGrid,
                prior, ou.alpha(end), ou.sigma(end));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nfe", (double) toData.evaluations());
        m.put("tv", toData.error().totalVariation());
        m.put("kl", toData.error().klTargetToModel());
        m.put("kl_reverse", toData.error().klModelToTarget());
        m.put("tv_tmin", toEnd.error().totalVariation());
        m.put("kl_tmin", toEnd.error().klTargetToModel());
        m.put("nfe_sequential", Double.NaN);
        m.put("acceptance", Double.NaN);
        m.put("grid_points", priorGrid.points());
        m.put("lost_mass", Math.max(Math.abs(1 - toData.coveredMass()), Math.abs(1 - toEnd.coveredMass())));
        return order(m);
    }

    private static Grid1d gridFor(double smallestStd) {
        int points = (int) Math.ceil(2 * HighAccuracy.DOMAIN * POINTS_PER_STD / smallestStd) + 1;
        return Grid1d.symmetric(HighAccuracy.DOMAIN, Math.max(MIN_GRID_POINTS, points));
    }

    private static GridDensity initial(Target base, OrnsteinUhlenbeckSchedule ou, Grid1d grid, boolean exact) {
        return exact ? GridDensity.ofTarget(base, ou.alpha(ou.horizon()), ou.sigma(ou.horizon()), grid)
                : GridDensity.standardNormal(grid);
    }

    private static Map<String, Object> errors(MappedDensity out, Target base, OrnsteinUhlenbeckSchedule ou,
            double end) {
        DensityError toData = out.errorAgainst(base, 1.0, 0.0);
        DensityError toEnd = out.errorAgainst(base, ou.alpha(end), ou.sigma(end));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tv", toData.totalVariation());
        m.put("kl", toData.klTargetToModel());
        m.put("kl_reverse", toData.klModelToTarget());
        m.put("tv_tmin", toEnd.totalVariation());
        m.put("kl_tmin", toEnd.klTargetToModel());
        return m;
    }

    private static Map<String, Object> order(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String c : METRICS) {
            out.put(c, m.get(c));
        }
        return out;
    }
}
