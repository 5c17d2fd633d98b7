package difflab.experiment;

import difflab.analysis.fit.ExponentialRateFit;
import difflab.analysis.fit.OrderFit;
import difflab.analysis.io.ResultTable;
import difflab.exact1d.DensityPropagation;
import difflab.exact1d.DeterministicPushforward;
import difflab.exact1d.Grid1d;
import difflab.exact1d.ScoreLipschitz1d;
import difflab.fors.ForsDiffusionSampler;
import difflab.fors.OrnsteinUhlenbeckSchedule;
import difflab.fors.TiltScaledGrid;
import difflab.grid.TimeGrid;
import difflab.run.Backend;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.NoiseSchedule;
import difflab.target.PerturbedScoreTarget;
import difflab.target.Target;
import difflab.target.Targets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;

/**
 * {@code high-accuracy}: first-order rejection sampling (FORS; Chen, Chewi, Daskalakis, Rakhlin, arXiv 2602.01338;
 * docs/ALGORITHMS.md §6; <b>the diffusion instantiation is a reconstruction</b>, {@link ForsDiffusionSampler}) against DDPM and
 * DPM-Solver, with every error computed exactly by the 1-D grid evaluation of docs/ALGORITHMS.md §6.4 ({@link DensityPropagation},
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
 * over the geometric number of attempts) under the product rule of docs/ALGORITHMS.md §6.2; the cheaper sequential rule's
 * cost (same output law) is the column {@code nfe_sequential}. Fits: the exponential rate of FORS (TV ≈
 * C·e<sup>−r·NFE</sup>, {@link ExponentialRateFit}) and the exponent p of NFE ∝ log<sup>p</sup>(1/TV); the polynomial
 * orders of the baselines ({@link OrderFit}; nominal: TV order = the sampler's order, KL twice that).
 *
 * <p>This class holds the cells and the experiment's configuration; {@link ExactDensityMeasurement} measures a cell,
 * {@link HighAccuracyFindings} builds the fits, plots, tables and findings.
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
    /** Points of the grid on which the score's Lipschitz constant is estimated. */
    static final int LIPSCHITZ_GRID_POINTS = 801;
    /** An evaluation whose skipped or lost mass exceeds this is reported as untrustworthy. */
    static final double MASS_TOLERANCE = 1e-10;

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
        return "Chen, Chewi, Daskalakis, Rakhlin (arXiv 2602.01338, abstract; docs/ALGORITHMS.md §6): with Õ(δ)-accurate scores, "
                + "first-order rejection sampling reaches error δ in polylog(1/δ) score evaluations, where DDPM and "
                + "ODE solvers need poly(1/δ); the spec expects a straight line on a semilog plot of error against "
                + "cost and a floor at the score error. The diffusion instantiation run here is a reconstruction "
                + "(docs/ALGORITHMS.md §6.3 UNVERIFIED); only the FORS identity E[Q|x] = e^{w(x)−B} is certain.";
    }

    @Override
    public String howToRead() {
        return "Errors are exact (grid quadrature, docs/ALGORITHMS.md §6.4), not Monte Carlo. Per part and target: a semilog plot "
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
        return ExactDensityMeasurement.METRICS;
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
            TimeGrid times = forsTimes(cell.target(), ou.horizon(), end, Double.parseDouble(cell.extra(TILT_SCALE, "")));
            return ExactDensityMeasurement.fors(cell, base, model, ou, times, end, exactStart);
        }
        Sampler sampler = SamplerRegistry.byId(cell.sampler());
        SamplingContext ctx = new SamplingContext(ou, difflab.grid.Grids.byName(cell.grid()).build(ou, horizon, end,
                cell.steps()));
        return sampler.stochastic() ? ExactDensityMeasurement.stochastic(sampler, ctx, base, model, exactStart)
                : ExactDensityMeasurement.deterministic(sampler, ctx, base, model, exactStart);
    }

    @Override
    public Analysis analyse(ResultTable runs, Path plotsDir) {
        return HighAccuracyFindings.analyse(runs, plotsDir);
    }
}
