package difflab.experiment;

import difflab.analysis.fit.ExponentialRateFit;
import difflab.analysis.fit.OrderFit;
import difflab.analysis.fit.OrderFitResult;
import difflab.analysis.fit.Verdict;
import difflab.analysis.io.ResultTable;
import difflab.analysis.plot.ConvergencePlot;
import difflab.exact1d.DensityError;
import difflab.exact1d.DensityPropagation;
import difflab.exact1d.DeterministicPushforward;
import difflab.exact1d.Grid1d;
import difflab.exact1d.GridDensity;
import difflab.exact1d.MappedDensity;
import difflab.exact1d.StepProgramTransitions;
import difflab.exact1d.ScoreLipschitz1d;
import difflab.fors.AcceptanceRule;
import difflab.fors.ForsDiffusionSampler;
import difflab.fors.OrnsteinUhlenbeckSchedule;
import difflab.fors.ReferencePoint;
import difflab.fors.RejectionParameters;
import difflab.fors.StepGeometry;
import difflab.fors.TiltScaledGrid;
import difflab.grid.GridType;
import difflab.grid.TimeGrid;
import difflab.run.Backend;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerRegistry;
import difflab.sampler.SamplingContext;
import difflab.schedule.NoiseSchedule;
import difflab.target.PerturbedScoreTarget;
import difflab.target.Target;
import difflab.target.Targets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;

/**
 * {@code high-accuracy}: first-order rejection sampling (FORS; Chen, Chewi, Daskalakis, Rakhlin, arXiv 2602.01338;
 * spec §6; <b>the diffusion instantiation is a reconstruction</b>, {@link ForsDiffusionSampler}) against DDPM and
 * DPM-Solver, with every error computed exactly by the 1-D grid evaluation of spec §6.4 ({@link DensityPropagation},
 * {@link DeterministicPushforward}: no Monte Carlo), on the 1-D standard Gaussian N(0.27, 0.05) and the 1-D standard
 * three-component mixture, under the Ornstein–Uhlenbeck process ({@link OrnsteinUhlenbeckSchedule}) whose horizon
 * is free. Three parts (extra axis {@value #PART}):
 * <ul>
 * <li>{@value #END_TO_END}: the paper's setting. FORS at accuracy levels k, δ = 10<sup>−k</sup>, with every parameter
 * scaled with log(1/δ) by an a-priori rule (not tuned to the measurements): horizon T = ln(1/δ) (the prior's
 * error is ∝ e<sup>−T</sup>), early stopping t<sub>0</sub> = δ (the early-stopping error is ∝ t<sub>0</sub>), B = {@value #BOUND_VALUE}
 * and tilt scale c = B/(2 ln(1/δ)) for the {@link TiltScaledGrid} (per-step clipping probability ≈
 * e<sup>−B/(2c)</sup> = δ). The baselines run on the deepest level's T and t<sub>0</sub> (so their own floors lie below
 * every FORS error) over a ladder of NFE. Errors against p<sub>0</sub> ({@code tv}, {@code kl}) and against
 * q<sub>t0</sub> ({@code tv_tmin}, {@code kl_tmin}); start x<sub>T</sub> ~ N(0, 1).</li>
 * <li>{@value #FIXED_HORIZON}: discretisation error alone: T = {@value #FIXED_T}, t<sub>0</sub> = {@value #FIXED_T_MIN},
 * x<sub>T</sub> ~ q<sub>T</sub> exactly, errors against q<sub>t0</sub>; FORS over a ladder of tilt scales c (B = 1), the
 * baselines over a ladder of NFE.</li>
 * <li>{@value #SCORE_ERROR_PART}: the end-to-end FORS ladder on the mixture with the score perturbed by
 * {@link PerturbedScoreTarget} of size η, to show the plateau.</li>
 * </ul>
 * FORS's cost is the exact expected number of score evaluations per sample (fixed calls plus estimator draws
 * over the geometric number of attempts) under the product rule of spec §6.2; the cheaper sequential rule's
 * cost (same output law) is the column {@code nfe_sequential}. Fits: the exponential rate of FORS (TV ≈
 * C·e<sup>−r·NFE</sup>, {@link ExponentialRateFit}) and the exponent p of NFE ∝ log<sup>p</sup>(1/TV); the polynomial
 * orders of the baselines ({@link OrderFit}; nominal: TV order = the sampler's order, KL twice that).
 */
public final class HighAccuracy implements Experiment {
    static final String PART = "part";
    static final String END_TO_END = "end-to-end";
    static final String FIXED_HORIZON = "fixed-horizon";
    static final String SCORE_ERROR_PART = "score-error";
    /** Extra axes. */
    static final String LEVEL = "level";
    static final String HORIZON = "horizon";
    static final String END_TIME = "t_min";
    static final String TILT_SCALE = "tilt_scale";
    static final String BOUND = "bound";
    static final String INIT = "init";
    static final String SCORE_ERROR = "score_error";

    static final String FORS_RESCALED = "fors-rescaled-state";
    static final String FORS_DDPM_MEAN = "fors-ddpm-mean";
    static final List<String> BASELINES = List.of("ddpm-li", "dpm-solver-2", "dpm-solver-3");
    static final List<String> TARGETS = List.of("gaussian", "gmm");
    static final String SCORE_ERROR_TARGET = "gmm";
    static final int MIXTURE_COMPONENTS = 3;

    /** B of every FORS cell. */
    static final double BOUND_VALUE = 1.0;
    static final int[] LEVELS = {2, 3, 4, 5, 6, 7, 8};
    static final int[] QUICK_LEVELS = {2, 3};
    static final int[] SCORE_ERROR_LEVELS = {2, 3, 4, 5, 6, 7};
    static final int[] QUICK_SCORE_ERROR_LEVELS = {2, 3};
    static final double[] ETAS = {1e-1, 1e-2, 1e-3};
    static final double[] QUICK_ETAS = {1e-1};
    static final double FIXED_T = 4.0;
    static final double FIXED_T_MIN = 0.01;
    static final double[] FIXED_TILT_SCALES = {0.4, 0.28, 0.2, 0.14, 0.1, 0.07, 0.05, 0.035, 0.025};
    static final double[] QUICK_FIXED_TILT_SCALES = {0.28, 0.14, 0.1};
    static final int[] BASELINE_NFE = {24, 48, 96, 192, 384, 768, 1536, 3072, 6144, 12288};
    static final int[] QUICK_BASELINE_NFE = {48, 192, 768};
    static final int[] FIXED_BASELINE_NFE = {12, 24, 48, 96, 192, 384, 768, 1536, 3072, 6144};
    static final int[] QUICK_FIXED_BASELINE_NFE = {24, 96, 384};

    /** The densities live on [−DOMAIN, DOMAIN]. */
    static final double DOMAIN = 10.0;
    /** Grid spacing = (smallest kernel standard deviation of the run) / this, or finer (MIN_GRID_POINTS). */
    static final double POINTS_PER_STD = 3.0;
    /** Fewest grid points of any exact evaluation: h ≤ 0.025 resolves every target and marginal used here. */
    static final int MIN_GRID_POINTS = 801;
    /** Points of the x<sub>T</sub> grid of the deterministic pushforward. */
    static final int PRIOR_GRID_POINTS = 2001;
    /** Points of the grid on which the score's Lipschitz constant is estimated. */
    static final int LIPSCHITZ_GRID_POINTS = 801;
    /** An evaluation whose skipped or lost mass exceeds this is reported as untrustworthy. */
    static final double MASS_TOLERANCE = 1e-10;
    /** FORS's semilog line is called bent when the last local rate is below this fraction of the first. */
    static final double BENT_RATE_FRACTION = 0.75;

    static final List<String> METRICS = List.of("nfe", "tv", "kl", "kl_reverse", "tv_tmin", "kl_tmin",
            "nfe_sequential", "acceptance", "grid_points", "lost_mass");

    private final Map<String, DoubleUnaryOperator> lipschitzTables = new ConcurrentHashMap<>();

    @Override
    public String id() {
        return "high-accuracy";
    }

    @Override
    public String title() {
        return "High-accuracy sampling: FORS (reconstruction) against DDPM and DPM-Solver, exact 1-D errors";
    }

    @Override
    public String claim() {
        return "Chen, Chewi, Daskalakis, Rakhlin (arXiv 2602.01338, abstract; spec §6): with Õ(δ)-accurate scores, "
                + "first-order rejection sampling reaches error δ in polylog(1/δ) score evaluations, where DDPM and "
                + "ODE solvers need poly(1/δ); the spec expects a straight line on a semilog plot of error against "
                + "cost and a floor at the score error. The diffusion instantiation run here is a reconstruction "
                + "(spec §6.3 UNVERIFIED); only the FORS identity E[Q|x] = e^{w(x)−B} is certain.";
    }

    @Override
    public String howToRead() {
        return "Errors are exact (grid quadrature, spec §6.4), not Monte Carlo. Per part and target: a semilog plot "
                + "of TV against expected score evaluations (exponential decay is a straight line; FORS's fitted rate "
                + "in its legend) and a log-log plot (polynomial decay is a straight line; the baselines' fitted "
                + "orders in the legend). The fits table gives FORS's exponential rate r (TV ≈ C·e^{−r·NFE}), R², "
                + "and p in NFE ∝ log^p(1/TV) (polylog cost: p ≈ 2 when T and 1/c both grow like log(1/δ)), and "
                + "the baselines' orders against nominal. The matched-cost table puts each FORS level beside the "
                + "baselines' TV at the same NFE (log-log interpolation). end-to-end: errors against p_0, all "
                + "parameters scaled with log(1/δ); fixed-horizon: errors against q_{t0} from x_T ~ q_T (clipping "
                + "and discretisation error alone); score-error: FORS with a perturbed score of size η. TVs below about "
                + "1e-12 approach the floor of the exact evaluation (kernel values are accurate to ~1e-13 relative).";
    }

    @Override
    public List<Cell> cells(Scale scale) {
        boolean quick = scale == Scale.QUICK;
        List<Cell> cells = new ArrayList<>();
        int[] levels = quick ? QUICK_LEVELS : LEVELS;
        List<String> fors = quick ? List.of(FORS_RESCALED) : List.of(FORS_RESCALED, FORS_DDPM_MEAN);
        int deepest = levels[levels.length - 1];
        for (String target : TARGETS) {
            for (int k : levels) {
                for (String s : fors) {
                    cells.add(forsCell(s, target, END_TO_END, horizon(k), delta(k), tiltScale(k), "prior", 0.0)
                            .with(LEVEL, k));
                }
            }
            for (String b : BASELINES) {
                for (int nfe : quick ? QUICK_BASELINE_NFE : BASELINE_NFE) {
                    cells.add(baselineCell(b, target, END_TO_END, nfe, horizon(deepest), delta(deepest), "prior"));
                }
            }
            for (double c : quick ? QUICK_FIXED_TILT_SCALES : FIXED_TILT_SCALES) {
                for (String s : fors) {
                    cells.add(forsCell(s, target, FIXED_HORIZON, FIXED_T, FIXED_T_MIN, c, "exact", 0.0));
                }
            }
            for (String b : BASELINES) {
                for (int nfe : quick ? QUICK_FIXED_BASELINE_NFE : FIXED_BASELINE_NFE) {
                    cells.add(baselineCell(b, target, FIXED_HORIZON, nfe, FIXED_T, FIXED_T_MIN, "exact"));
                }
            }
        }
        for (double eta : quick ? QUICK_ETAS : ETAS) {
            for (int k : quick ? QUICK_SCORE_ERROR_LEVELS : SCORE_ERROR_LEVELS) {
                cells.add(forsCell(FORS_RESCALED, SCORE_ERROR_TARGET, SCORE_ERROR_PART, horizon(k), delta(k),
                        tiltScale(k), "prior", eta).with(LEVEL, k));
            }
        }
        return cells;
    }

    /** δ = 10<sup>−k</sup>. */
    static double delta(int level) {
        return Math.pow(10.0, -level);
    }

    /** T = ln(1/δ). */
    static double horizon(int level) {
        return Math.log(1.0 / delta(level));
    }

    /** c = B/(2 ln(1/δ)). */
    static double tiltScale(int level) {
        return BOUND_VALUE / (2.0 * Math.log(1.0 / delta(level)));
    }

    private Cell forsCell(String sampler, String target, String part, double horizon, double end, double c,
            String init, double eta) {
        int steps = forsTimes(target, horizon, end, c).steps();
        return Cell.of(sampler, "ou", "tilt-scaled(c=" + ConvergenceStudy.trim(c) + ")", steps, target, 1,
                components(target), 0, 0L).with(PART, part).with(HORIZON, horizon).with(END_TIME, end)
                .with(TILT_SCALE, c).with(BOUND, BOUND_VALUE).with(INIT, init).with(SCORE_ERROR, eta);
    }

    private static Cell baselineCell(String sampler, String target, String part, int nfe, double horizon, double end,
            String init) {
        Sampler s = SamplerRegistry.byId(sampler);
        return Cell.of(sampler, "ou", s.stochastic() ? "uniform-t" : "logsnr", nfe / s.evaluationsPerStep(), target, 1,
                components(target), 0, 0L).with(PART, part).with(HORIZON, horizon).with(END_TIME, end)
                .with(INIT, init).with(SCORE_ERROR, 0.0);
    }

    static int components(String target) {
        return target.startsWith("gmm") ? MIXTURE_COMPONENTS : 1;
    }

    /** The FORS time grid of a cell: the tilt-scaled grid on the OU schedule with horizon T. */
    TimeGrid forsTimes(String target, double horizon, double end, double c) {
        DoubleUnaryOperator l = lipschitzTables.computeIfAbsent(target,
                t -> lipschitzTable(Targets.byName(t, 1, components(t))));
        return tiltScaledGrid(l, new OrnsteinUhlenbeckSchedule(horizon), horizon, end, c);
    }

    /**
     * L(λ), the Lipschitz constant of a 1-D target's score as a function of the half log-SNR, estimated on the grid
     * of {@value #LIPSCHITZ_GRID_POINTS} points over [−{@value #DOMAIN}, {@value #DOMAIN}] ({@link ScoreLipschitz1d}).
     */
    public static DoubleUnaryOperator lipschitzTable(Target target1d) {
        return ScoreLipschitz1d.tabulated(target1d, Grid1d.symmetric(DOMAIN, LIPSCHITZ_GRID_POINTS));
    }

    /** This experiment's FORS grid: {@link TiltScaledGrid} with tilt scale c for d = 1, L(t) = L(λ(t)). */
    public static TimeGrid tiltScaledGrid(DoubleUnaryOperator lipschitzOfLambda, NoiseSchedule schedule, double start,
            double end, double c) {
        return new TiltScaledGrid(c, 1, ScoreLipschitz1d.overTime(lipschitzOfLambda, schedule)).build(schedule, start,
                end);
    }

    @Override
    public List<String> metricColumns() {
        return METRICS;
    }

    @Override
    public Optional<String> javaOnlyReason() {
        return Optional.of("its TV and KL come from 1-D densities propagated exactly on a fine grid on the host "
                + "(FORS's transition kernel too); it samples nothing");
    }

    @Override
    public Map<String, Object> measure(Cell cell, Backend backend) {
        Target base = Targets.byName(cell.target(), 1, cell.components());
        double eta = Double.parseDouble(cell.extra(SCORE_ERROR, "0"));
        Target model = eta > 0 ? PerturbedScoreTarget.of(base, eta, cell.seed()) : base;
        double horizon = Double.parseDouble(cell.extra(HORIZON, ""));
        double end = Double.parseDouble(cell.extra(END_TIME, ""));
        OrnsteinUhlenbeckSchedule ou = new OrnsteinUhlenbeckSchedule(horizon);
        boolean exactStart = "exact".equals(cell.extra(INIT, "prior"));
        if (cell.sampler().startsWith("fors")) {
            return measureFors(cell, base, model, ou, end, exactStart);
        }
        Sampler sampler = SamplerRegistry.byId(cell.sampler());
        SamplingContext ctx = new SamplingContext(ou, difflab.grid.Grids.byName(cell.grid()).build(ou, horizon, end,
                cell.steps()));
        return sampler.stochastic() ? measureStochastic(sampler, ctx, base, model, exactStart)
                : measureDeterministic(sampler, ctx, base, model, exactStart);
    }

    private Map<String, Object> measureFors(Cell cell, Target base, Target model, OrnsteinUhlenbeckSchedule ou,
            double end, boolean exactStart) {
        ReferencePoint reference = cell.sampler().equals(FORS_DDPM_MEAN) ? ReferencePoint.DDPM_MEAN
                : ReferencePoint.RESCALED_STATE;
        double bound = Double.parseDouble(cell.extra(BOUND, String.valueOf(BOUND_VALUE)));
        ForsDiffusionSampler sampler = new ForsDiffusionSampler(new RejectionParameters(bound, AcceptanceRule.PRODUCT),
                reference);
        TimeGrid times = forsTimes(cell.target(), ou.horizon(), end, Double.parseDouble(cell.extra(TILT_SCALE, "")));
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

    private Map<String, Object> measureStochastic(Sampler sampler, SamplingContext ctx, Target base, Target model,
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

    private Map<String, Object> measureDeterministic(Sampler sampler, SamplingContext ctx, Target base, Target model,
            boolean exactStart) {
        OrnsteinUhlenbeckSchedule ou = (OrnsteinUhlenbeckSchedule) ctx.schedule();
        double horizon = ou.horizon();
        double end = ctx.grid().end();
        DoubleUnaryOperator prior = exactStart ? x -> base.logDensity(ou.alpha(horizon), ou.sigma(horizon),
                new double[] {x}) : DeterministicPushforward.STANDARD_NORMAL_LOG_DENSITY;
        Grid1d priorGrid = Grid1d.symmetric(DOMAIN, PRIOR_GRID_POINTS);
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
        int points = (int) Math.ceil(2 * DOMAIN * POINTS_PER_STD / smallestStd) + 1;
        return Grid1d.symmetric(DOMAIN, Math.max(MIN_GRID_POINTS, points));
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

    // ---------------------------------------------------------------- analysis

    /** The error column an analysis part plots: against p<sub>0</sub>, or against q<sub>t0</sub> for fixed-horizon. */
    static String tvColumn(String part) {
        return FIXED_HORIZON.equals(part) ? "tv_tmin" : "tv";
    }

    static String klColumn(String part) {
        return FIXED_HORIZON.equals(part) ? "kl_tmin" : "kl";
    }

    @Override
    public Analysis analyse(ResultTable runs, Path plotsDir) {
        ResultTable fits = ResultTable.withColumns("part", "target", "sampler", "metric", "model", "rate", "ci_lower",
                "ci_upper", "r2", "window_first", "window_last", "points", "nominal", "verdict", "polylog_exponent");
        List<String> plots = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        double worstLoss = 0;
        List<String> lossy = new ArrayList<>();
        for (ResultTable.Row r : runs.rows()) {
            double lost = r.getDouble("lost_mass");
            if (!Double.isNaN(lost)) {
                worstLoss = Math.max(worstLoss, lost);
            }
            if (lost > MASS_TOLERANCE) {
                double tv = r.getDouble(tvColumn(r.get(PART)));
                lossy.add(String.format(Locale.ROOT, "%s (%s, %s, NFE %s) lost %.1e of its mass at the grid's edges "
                        + "(its TV is %.2e, %s)", r.get("sampler"), r.get(PART), r.get("target"),
                        ConvergenceStudy.trim(r.getDouble("nfe")), lost, tv, lost < 1e-2 * tv
                                ? "so the loss does not change it at the plotted precision"
                                : "so that TV is not trustworthy"));
            }
        }
        blocks.add(String.format(Locale.ROOT, "Largest mass lost or skipped by any exact evaluation: %.1e (grids of "
                + "%.0f points per smallest kernel standard deviation on [−%.0f, %.0f]).", worstLoss, POINTS_PER_STD,
                DOMAIN, DOMAIN));
        List<String> folded = new ArrayList<>();
        for (ResultTable.Row r : runs.rows()) {
            if (Double.isNaN(r.getDouble("tv"))) {
                folded.add(r.get("sampler") + " (" + r.get(PART) + ", " + r.get("target") + ", NFE "
                        + ConvergenceStudy.trim(r.getDouble("nfe")) + ")");
            }
        }
        if (!folded.isEmpty()) {
            findings.add("no exact error for " + String.join(", ", folded) + ": the sampler's whole-run map x_T → "
                    + "x_0 is not monotone there (it folds the line), so its output density has no change-of-variables "
                    + "form; these cells are left out of the fits.");
        }
        for (String l : lossy) {
            findings.add(l + " (mass tolerance " + String.format(Locale.ROOT, "%.0e", MASS_TOLERANCE) + ").");
        }
        for (String part : List.of(END_TO_END, FIXED_HORIZON)) {
            for (String target : TARGETS) {
                ResultTable group = Tables.where(Tables.where(runs, PART, part), "target", target);
                if (group.rows().isEmpty()) {
                    continue;
                }
                fits = analyseGroup(part, target, group, plotsDir, fits, plots, blocks, findings);
            }
        }
        fits = analyseScoreError(runs, plotsDir, fits, plots, blocks, findings);
        return new Analysis(fits, plots, blocks, findings);
    }

    /** sampler → (nfe → column value), cost-sorted. */
    static Map<String, TreeMap<Double, Double>> series(ResultTable group, String column) {
        Map<String, TreeMap<Double, Double>> s = new LinkedHashMap<>();
        for (ResultTable.Row r : group.rows()) {
            s.computeIfAbsent(r.get("sampler"), k -> new TreeMap<>()).put(r.getDouble("nfe"), r.getDouble(column));
        }
        return s;
    }

    private ResultTable analyseGroup(String part, String target, ResultTable group, Path plotsDir, ResultTable fits,
            List<String> plots, List<String> blocks, List<String> findings) {
        String caption = part + ", " + target;
        String tvCol = tvColumn(part);
        String reference = FIXED_HORIZON.equals(part) ? "q_t0" : "p_0";
        Map<String, TreeMap<Double, Double>> tv = series(group, tvCol);
        Map<String, TreeMap<Double, Double>> kl = series(group, klColumn(part));
        StringBuilder table = new StringBuilder("Fitted rates, " + caption + " (errors against " + reference
                + "):\n\n| sampler | metric | model | rate or order [95% CI] | R² | window (NFE) | nominal | verdict "
                + "| p in NFE ∝ log^p(1/TV) |\n|---|---|---|---|---|---|---|---|---|\n");
        ConvergencePlot semilog = ConvergencePlot.semilog("TV against score evaluations, " + caption, "expected score "
                + "evaluations per sample", "TV to " + reference);
        ConvergencePlot logLog = ConvergencePlot.logLog("TV against score evaluations, " + caption, "expected score "
                + "evaluations per sample", "TV to " + reference).referenceSlopes(Plots.REFERENCE_SLOPES);
        ConvergencePlot klPlot = ConvergencePlot.logLog("KL against score evaluations, " + caption, "expected score "
                + "evaluations per sample", "KL(" + reference + " || p_alg)").referenceSlopes(2, 4, 6);
        for (String metric : List.of("tv", "kl")) {
            Map<String, TreeMap<Double, Double>> data = metric.equals("tv") ? tv : kl;
            for (Map.Entry<String, TreeMap<Double, Double>> e : data.entrySet()) {
                String sampler = e.getKey();
                double[] x = keys(e.getValue());
                double[] y = values(e.getValue());
                boolean fors = sampler.startsWith("fors");
                double factor = metric.equals("tv") ? 1 : 2;
                OrderFitResult fit = fors ? ExponentialRateFit.fit(x, y, Double.NaN)
                        : OrderFit.fit(x, y, factor * Experiments.nominalOrder(sampler));
                double polylog = fors ? polylogExponent(x, y) : Double.NaN;
                fits = fits.withRow(fitRow(part, target, sampler, metric, fit, polylog));
                table.append(fitLine(sampler, metric, fit, polylog));
                if (metric.equals("tv")) {
                    semilog = fors ? semilog.series(sampler, x, y, fit) : semilog.series(sampler, x, y);
                    logLog = fors ? logLog.series(sampler, x, y) : logLog.series(sampler, x, y, fit);
                    if (fors) {
                        forsFindings(caption, sampler, x, y, fit, polylog, findings);
                    } else if (fit.verdict() == Verdict.ABOVE || fit.verdict() == Verdict.BELOW) {
                        findings.add(String.format(Locale.ROOT, "%s (%s): TV order %.2f [%.2f, %.2f] against NFE "
                                + "%s..%s, nominal %s (%s).", sampler, caption, fit.order(), fit.ciLower(),
                                fit.ciUpper(), ConvergenceStudy.trim(fit.window().firstX()),
                                ConvergenceStudy.trim(fit.window().lastX()), ConvergenceStudy.trim(fit.nominal()),
                                fit.verdict() == Verdict.BELOW ? "slower than nominal" : "faster than nominal"));
                    }
                } else {
                    klPlot = fors ? klPlot.series(sampler, x, y) : klPlot.series(sampler, x, y, fit);
                }
            }
        }
        String name = "high_accuracy_" + part + "_" + target;
        plots.add("plots/" + write(plotsDir, name + "_tv_semilog", semilog));
        plots.add("plots/" + write(plotsDir, name + "_tv_loglog", logLog));
        plots.add("plots/" + write(plotsDir, name + "_kl_loglog", klPlot));
        blocks.add(table.toString());
        blocks.add(matchedCost(caption, tv, findings));
        for (String suffix : List.of("_tv_semilog", "_tv_loglog", "_kl_loglog")) {
            blocks.add("![" + caption + suffix + "](plots/" + name + suffix + ".png)");
        }
        return fits;
    }

    /**
     * p in NFE ≈ C·log<sup>p</sup>(1/TV): the power-law fit of 1/NFE against ln(1/TV) over all points (sorted by
     * ln(1/TV), which must then increase strictly), or NaN when that is not possible.
     */
    static double polylogExponent(double[] nfe, double[] tv) {
        TreeMap<Double, Double> byLog = new TreeMap<>();
        for (int i = 0; i < nfe.length; i++) {
            if (tv[i] > 0 && tv[i] < 1 && Double.isFinite(tv[i])) {
                byLog.put(Math.log(1 / tv[i]), 1 / nfe[i]);
            }
        }
        if (byLog.size() < 2) {
            return Double.NaN;
        }
        OrderFitResult f = OrderFit.fitOver(keys(byLog), values(byLog), 0, byLog.size(), Double.NaN);
        return f.order();
    }

    private static void forsFindings(String caption, String sampler, double[] x, double[] y, OrderFitResult fit,
            double polylog, List<String> findings) {
        int n = x.length;
        if (n < 3) {
            return;
        }
        double first = -Math.log(y[1] / y[0]) / (x[1] - x[0]);
        double last = -Math.log(y[n - 1] / y[n - 2]) / (x[n - 1] - x[n - 2]);
        if (last < BENT_RATE_FRACTION * first) {
            findings.add(String.format(Locale.ROOT, "%s (%s): the semilog plot of TV against NFE is not a straight "
                    + "line (the spec's expectation): the local exponential rate falls from %.3g to %.3g per score "
                    + "evaluation between NFE %s and %s (R² of the exponential fit %.4f); over the ladder NFE grows "
                    + "like log^%.2f(1/TV) (p = 1 would be a straight semilog line).", sampler, caption, first, last,
                    ConvergenceStudy.trim(x[0]), ConvergenceStudy.trim(x[n - 1]), fit.rSquared(), polylog));
        }
    }

    /** The matched-cost table: each level of the first FORS series beside the baselines at the same NFE. */
    private static String matchedCost(String caption, Map<String, TreeMap<Double, Double>> tv, List<String> findings) {
        String fors = tv.containsKey(FORS_RESCALED) ? FORS_RESCALED
                : tv.keySet().stream().filter(s -> s.startsWith("fors")).findFirst().orElse(null);
        if (fors == null) {
            return "";
        }
        List<String> others = tv.keySet().stream().filter(s -> !s.startsWith("fors")).toList();
        StringBuilder sb = new StringBuilder("TV at matched cost, " + caption + " (baselines interpolated log-log "
                + "in NFE; — outside their NFE range" + (caption.startsWith(END_TO_END) ? "; the baselines run at "
                + "the deepest level's T and t_0, so at shallower levels they solve a more accurate problem than "
                + "FORS does: the like-for-like comparison is the fixed-horizon part" : "") + "):\n\n| NFE | " + fors
                + " |");
        others.forEach(o -> sb.append(' ').append(o).append(" |"));
        sb.append("\n|---|---|");
        others.forEach(o -> sb.append("---|"));
        sb.append('\n');
        double lastNfe = Double.NaN;
        double lastFors = Double.NaN;
        double bestOther = Double.NaN;
        String bestName = null;
        for (Map.Entry<Double, Double> e : tv.get(fors).entrySet()) {
            sb.append(String.format(Locale.ROOT, "| %.0f | %.2e |", e.getKey(), e.getValue()));
            lastNfe = e.getKey();
            lastFors = e.getValue();
            bestOther = Double.NaN;
            for (String o : others) {
                double v = interpolateLogLog(tv.get(o), e.getKey());
                sb.append(Double.isNaN(v) ? " — |" : String.format(Locale.ROOT, " %.2e |", v));
                if (!Double.isNaN(v) && !(v >= bestOther)) {
                    bestOther = v;
                    bestName = o;
                }
            }
            sb.append('\n');
        }
        if (!Double.isNaN(bestOther)) {
            StringBuilder reach = new StringBuilder();
            for (String o : others) {
                double n = nfeToReach(tv.get(o), lastFors);
                reach.append(reach.length() == 0 ? "" : ", ").append(o).append(Double.isNaN(n)
                        ? " not within NFE " + ConvergenceStudy.trim(tv.get(o).lastKey())
                        : String.format(Locale.ROOT, " at NFE %.0f", n));
            }
            findings.add(String.format(Locale.ROOT, "%s (%s): at %.0f expected score evaluations FORS reaches TV "
                    + "%.2e; the best baseline at that NFE, %s, reaches %.2e (%.3g× %s). The same TV is reached by "
                    + "%s.", fors, caption, lastNfe, lastFors, bestName, bestOther,
                    lastFors < bestOther ? bestOther / lastFors : lastFors / bestOther,
                    lastFors < bestOther ? "worse" : "better", reach));
        }
        return sb.toString();
    }

    /** The smallest NFE at which a series first falls to {@code level} (log-log interpolation), NaN if never. */
    static double nfeToReach(TreeMap<Double, Double> s, double level) {
        Map.Entry<Double, Double> previous = null;
        for (Map.Entry<Double, Double> e : s.entrySet()) {
            if (!(e.getValue() > 0)) {
                continue;
            }
            if (e.getValue() <= level) {
                if (previous == null) {
                    return e.getKey();
                }
                double w = Math.log(level / previous.getValue()) / Math.log(e.getValue() / previous.getValue());
                return Math.exp((1 - w) * Math.log(previous.getKey()) + w * Math.log(e.getKey()));
            }
            previous = e;
        }
        return Double.NaN;
    }

    /** y at x by linear interpolation of log y on log x; NaN outside the series' range. */
    static double interpolateLogLog(TreeMap<Double, Double> s, double x) {
        Map.Entry<Double, Double> lo = s.floorEntry(x);
        Map.Entry<Double, Double> hi = s.ceilingEntry(x);
        if (lo == null || hi == null || !(lo.getValue() > 0) || !(hi.getValue() > 0)) {
            return Double.NaN;
        }
        if (lo.getKey().equals(hi.getKey())) {
            return lo.getValue();
        }
        double w = Math.log(x / lo.getKey()) / Math.log(hi.getKey() / lo.getKey());
        return Math.exp((1 - w) * Math.log(lo.getValue()) + w * Math.log(hi.getValue()));
    }

    private ResultTable analyseScoreError(ResultTable runs, Path plotsDir, ResultTable fits, List<String> plots,
            List<String> blocks, List<String> findings) {
        ResultTable perturbed = Tables.where(runs, PART, SCORE_ERROR_PART);
        if (perturbed.rows().isEmpty()) {
            return fits;
        }
        Map<String, TreeMap<Double, Double>> byEta = new LinkedHashMap<>();
        ResultTable clean = Tables.where(Tables.where(Tables.where(runs, PART, END_TO_END), "target",
                SCORE_ERROR_TARGET), "sampler", FORS_RESCALED);
        for (ResultTable.Row r : clean.rows()) {
            byEta.computeIfAbsent("eta=0", k -> new TreeMap<>()).put(r.getDouble("nfe"), r.getDouble("tv"));
        }
        TreeMap<Double, TreeMap<Double, Double>> numeric = new TreeMap<>();
        for (ResultTable.Row r : perturbed.rows()) {
            double eta = r.getDouble(SCORE_ERROR);
            numeric.computeIfAbsent(eta, k -> new TreeMap<>()).put(r.getDouble("nfe"), r.getDouble("tv"));
        }
        StringBuilder table = new StringBuilder("FORS (" + FORS_RESCALED + ", " + SCORE_ERROR_TARGET + ") with a score "
                + "error of size η (PerturbedScoreTarget):\n\n| η | TV at the deepest level | TV/η | TV ratio of the "
                + "last two levels |\n|---|---|---|---|\n");
        for (Map.Entry<Double, TreeMap<Double, Double>> e : numeric.entrySet()) {
            byEta.put("eta=" + ConvergenceStudy.trim(e.getKey()), e.getValue());
            TreeMap<Double, Double> s = e.getValue();
            double last = s.lastEntry().getValue();
            Map.Entry<Double, Double> before = s.lowerEntry(s.lastKey());
            double ratio = before == null ? Double.NaN : last / before.getValue();
            table.append(String.format(Locale.ROOT, "| %s | %.3e | %.3f | %.3f |%n", ConvergenceStudy.trim(e.getKey()),
                    last, last / e.getKey(), ratio));
            TreeMap<Double, Double> cleanSeries = byEta.get("eta=0");
            double cleanAtEnd = cleanSeries == null ? Double.NaN : interpolateLogLog(cleanSeries, s.lastKey());
            findings.add(String.format(Locale.ROOT, "FORS with a score error η = %s: TV %.2e at %.0f score evaluations "
                    + "(TV/η = %.3f; last level / previous level = %.3f%s), where the exact score gives %s.",
                    ConvergenceStudy.trim(e.getKey()), last, s.lastKey(), last / e.getKey(), ratio,
                    ratio > 0.5 ? ": a plateau" : ": still falling",
                    Double.isNaN(cleanAtEnd) ? "no comparable point" : String.format(Locale.ROOT, "%.2e", cleanAtEnd)));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("part", SCORE_ERROR_PART);
            row.put("target", SCORE_ERROR_TARGET);
            row.put("sampler", FORS_RESCALED + "(eta=" + ConvergenceStudy.trim(e.getKey()) + ")");
            row.put("metric", "tv_floor");
            row.put("model", "plateau");
            row.put("rate", last);
            fits = fits.withRow(row);
        }
        ConvergencePlot p = ConvergencePlot.semilog("FORS TV under a score error η, " + SCORE_ERROR_TARGET,
                "expected score evaluations per sample", "TV to p_0");
        for (Map.Entry<String, TreeMap<Double, Double>> e : byEta.entrySet()) {
            p = p.series(e.getKey(), keys(e.getValue()), values(e.getValue()));
        }
        String file = write(plotsDir, "high_accuracy_score_error", p);
        plots.add("plots/" + file);
        blocks.add(table.toString());
        blocks.add("![score error](plots/" + file + ")");
        return fits;
    }

    private static Map<String, Object> fitRow(String part, String target, String sampler, String metric,
            OrderFitResult f, double polylog) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("part", part);
        row.put("target", target);
        row.put("sampler", sampler);
        row.put("metric", metric);
        row.put("model", f.model());
        row.put("rate", f.order());
        row.put("ci_lower", f.ciLower());
        row.put("ci_upper", f.ciUpper());
        row.put("r2", f.rSquared());
        row.put("window_first", f.window().firstX());
        row.put("window_last", f.window().lastX());
        row.put("points", f.points());
        row.put("nominal", f.nominal());
        row.put("verdict", f.verdict());
        row.put("polylog_exponent", polylog);
        return row;
    }

    private static String fitLine(String sampler, String metric, OrderFitResult f, double polylog) {
        boolean exponential = sampler.startsWith("fors");
        String value = Double.isNaN(f.order()) ? "-" : String.format(Locale.ROOT, exponential ? "%.4g" : "%.3f",
                f.order());
        String ci = Double.isNaN(f.ciLower()) ? "" : String.format(Locale.ROOT, exponential ? " [%.4g, %.4g]"
                : " [%.3f, %.3f]", f.ciLower(), f.ciUpper());
        return String.format(Locale.ROOT, "| %s | %s | %s | %s%s | %.4f | %s..%s | %s | %s | %s |%n", sampler, metric,
                exponential ? "e^{-r·NFE}" : "NFE^{-p}", value, ci, f.rSquared(),
                ConvergenceStudy.trim(f.window().firstX()), ConvergenceStudy.trim(f.window().lastX()),
                ConvergenceStudy.trim(f.nominal()), f.verdict(), Double.isNaN(polylog) ? "-"
                        : String.format(Locale.ROOT, "%.2f", polylog));
    }

    private static String write(Path dir, String name, ConvergencePlot plot) {
        String file = name + ".png";
        try {
            plot.writePng(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + dir.resolve(file), e);
        }
        return file;
    }

    static double[] keys(TreeMap<Double, Double> m) {
        return m.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double[] values(TreeMap<Double, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).toArray();
    }
}
