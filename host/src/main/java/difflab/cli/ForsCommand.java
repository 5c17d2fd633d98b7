package difflab.cli;

import difflab.analysis.stats.Estimate;
import difflab.backend.DeviceForsRunner;
import difflab.backend.registry.Backends;
import difflab.core.Particles;
import difflab.exact.MonteCarloMetrics;
import difflab.exact.NoisedMarginal;
import difflab.experiment.HighAccuracy;
import difflab.fors.AcceptanceRule;
import difflab.fors.ForsDiffusionSampler;
import difflab.fors.ForsExecutor;
import difflab.fors.ForsJob;
import difflab.fors.ForsResult;
import difflab.fors.ForsRunner;
import difflab.fors.OrnsteinUhlenbeckSchedule;
import difflab.fors.ReferencePoint;
import difflab.fors.RejectionParameters;
import difflab.grid.GridType;
import difflab.grid.Grids;
import difflab.sampler.SamplingContext;
import difflab.schedule.NoiseSchedule;
import difflab.schedule.Schedules;
import difflab.target.Target;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code difflab fors}: samples with the FORS diffusion sampler (first-order rejection sampling per reverse step,
 * a reconstruction of docs/ALGORITHMS.md §6.3) on the java, opencl or cuda backend, and prints per step count the exact cost
 * (score evaluations per sample, attempts, launches) and Monte Carlo errors of the particles against the exact
 * law p<sub>t0</sub>: the mean error and the sliced W2 distance, each with its standard error and the value exact
 * samples of the same size would give (the noise floor).
 */
@Command(name = "fors", mixinStandardHelpOptions = true,
        description = "Sample with the FORS high-accuracy sampler (reconstruction) and print its exact cost and errors.",
        footer = {"", "Examples:",
            "  ./difflab fors --target gmm --dim 2 --steps 16,32,64 --bound 1",
            "  ./difflab fors --backend opencl --particles 100000 --rule sequential --steps 32",
            "  ./difflab fors --dim 1 -k 3 --grid tilt-scaled --tilt-scale 0.28,0.14,0.1 --t-end 0.01",
            "  ./difflab fors --schedule linear-vp --t-end 1e-3 --reference ddpm-mean --out x0.npy"})
final class ForsCommand implements Callable<Integer> {
    /** The Ornstein–Uhlenbeck schedule (log α = −t) with horizon {@code --horizon}, FORS's default. */
    static final String OU = "ou";
    /** The grid whose steps keep the tilt at a fixed size ({@link HighAccuracy#tiltScaledGrid}). */
    static final String TILT_SCALED = "tilt-scaled";
    /** Random directions of the sliced W2 estimate. */
    static final int PROJECTIONS = 64;

    @Spec
    CommandSpec spec;

    @Mixin
    SamplingOptions sampling;

    @Option(names = "--bound", defaultValue = "1.0", description = "B: estimates are clipped to [-B, B] and J ~ Poisson(2B)"
            + " (0 < B <= " + RejectionParameters.MAX_BOUND + "). Default: ${DEFAULT-VALUE}.")
    double bound;

    @Option(names = "--rule", defaultValue = "product", description = "Acceptance rule: product (docs/ALGORITHMS.md §6.2) or"
            + " sequential (same law, fewer draws). Default: ${DEFAULT-VALUE}.")
    String rule;

    @Option(names = "--reference", defaultValue = "rescaled-state", description = "Reference point y: rescaled-state"
            + " or ddpm-mean (one extra score call per step). Default: ${DEFAULT-VALUE}.")
    String reference;

    @Option(names = "--schedule", defaultValue = OU, description = "ou (log alpha = -t, horizon --horizon) or a"
            + " schedule of `run` (linear-vp, cosine-vp, ddpm-linear). Default: ${DEFAULT-VALUE}.")
    String scheduleName;

    @Option(names = "--horizon", defaultValue = "4", description = "Horizon T of the ou schedule. Default: ${DEFAULT-VALUE}.")
    double horizon;

    @Option(names = "--grid", defaultValue = "logsnr", description = "Time grid: " + TILT_SCALED + " (1-D targets:"
            + " steps placed so that every step's tilt has the same size, as in the high-accuracy experiment) or"
            + " ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.", completionCandidates = RunCommand.GridNames.class)
    String gridName;

    @Option(names = "--tilt-scale", split = ",", description = "With --grid " + TILT_SCALED + ": tilt scales c"
            + " (comma-separated; each gives one row, the smaller the more steps), instead of --steps.")
    List<Double> tiltScales;

    @Option(names = "--grid-param", description = "Karras rho (default 7) or NSR k (default 3.1).")
    Double gridParameter;

    @Option(names = "--steps", split = ",", defaultValue = "16,32,64", description = "Step counts (comma-separated); fewer"
            + " than about 16 log-SNR steps leave the sampler's step-size regime (see README). Default: ${DEFAULT-VALUE}.")
    List<Integer> steps;

    @Option(names = "--t-start", description = "Start time t_T (default: the schedule's T).")
    Double tStart;

    @Option(names = "--t-end", description = "Early-stopping time t_0 (default: the schedule's recommended t_0).")
    Double tEnd;






    @Option(names = "--backend", defaultValue = "java", description = "java, opencl or cuda (fp64). Default: ${DEFAULT-VALUE}.")
    String backendName;


    @Option(names = "--tries-per-launch", defaultValue = "" + ForsRunner.DEFAULT_TRIES_PER_LAUNCH,
            description = "Attempts a launch may make per particle before the host relaunches for the particles still"
                    + " rejected (results do not depend on it). Default: ${DEFAULT-VALUE}.")
    int triesPerLaunch;



    @Override
    public Integer call() {
        ForsDiffusionSampler sampler = new ForsDiffusionSampler(
                new RejectionParameters(bound, AcceptanceRule.byId(rule)), ReferencePoint.byId(reference));
        sampling.check(spec, backendName, false);
        Checks.list(spec, "--steps", steps);
        Checks.steps("--steps", steps);
        Checks.list(spec, "--tilt-scale", tiltScales);
        boolean tiltScaled = TILT_SCALED.equals(gridName);
        Checks.onlyWith(spec, "--steps", !tiltScaled, "with a grid other than " + TILT_SCALED
                + " (that grid's steps follow from --tilt-scale)");
        Checks.onlyWith(spec, "--horizon", OU.equals(scheduleName), "with --schedule " + OU);
        if (!(horizon > 0 && Double.isFinite(horizon))) {
            throw new IllegalArgumentException("--horizon=" + horizon + "; accepted: a finite number > 0");
        }
        Checks.finite("--t-start", tStart);
        Checks.finite("--t-end", tEnd);
        if (tiltScales != null) {
            for (double c : tiltScales) {
                if (!(c > 0 && Double.isFinite(c))) {
                    throw new IllegalArgumentException("--tilt-scale contains " + c + "; accepted: finite values > 0");
                }
            }
        }
        GridType gridType = tiltScaled ? null : RunCommand.grid(spec, gridName, gridParameter);
        Checks.onlyWith(spec, "--grid-param", !tiltScaled, "with --grid karras (rho) or --grid nsr (k)");
        Target target = sampling.target();
        long seed = sampling.seed;
        if (triesPerLaunch < 1) {
            throw new IllegalArgumentException("--tries-per-launch=" + triesPerLaunch + "; accepted: >= 1");
        }
        NoiseSchedule schedule = schedule();
        double start = tStart != null ? tStart : schedule.tMax();
        double end = tEnd != null ? tEnd : schedule.tMinDefault();
        String gridId;
        List<SamplingContext> contexts = new ArrayList<>();
        if (TILT_SCALED.equals(gridName)) {
            if (target.dimension() != 1) {
                throw new IllegalArgumentException("--grid " + TILT_SCALED + " estimates the score's Lipschitz constant"
                        + " on a 1-D grid; accepted: --dim 1 (for d > 1 use one of " + String.join(", ", Grids.NAMES)
                        + " with enough --steps)");
            }
            if (tiltScales == null || tiltScales.isEmpty()) {
                throw new IllegalArgumentException("--grid " + TILT_SCALED + " needs --tilt-scale c[,c...]; accepted:"
                        + " values > 0, e.g. 0.28,0.14");
            }
            DoubleUnaryOperator lipschitz = HighAccuracy.lipschitzTable(target);
            for (double c : tiltScales) {
                contexts.add(new SamplingContext(schedule,
                        HighAccuracy.tiltScaledGrid(lipschitz, schedule, start, end, c)));
            }
            gridId = TILT_SCALED + "(c=" + tiltScales + ")";
        } else {
            if (tiltScales != null) {
                throw new IllegalArgumentException("--tilt-scale applies to --grid " + TILT_SCALED + " only; got --grid "
                        + gridName);
            }
            for (int n : steps) {
                contexts.add(new SamplingContext(schedule, RunCommand.timeGrid(gridType, schedule, start, end, n)));
            }
            gridId = gridType.id();
        }
        Particles init = sampling.initialNoise();
        int particles = init.count();
        NoisedMarginal exact = NoisedMarginal.of(target, schedule.alpha(end), schedule.sigma(end));
        PrintWriter out = spec.commandLine().getOut();
        Particles last = null;
        try (ForsExecutor runner = Backends.fors(backendName, sampling.device)) {
            out.printf("difflab fors: %s (reconstruction) target=%s schedule=%s grid=%s t=%g..%g particles=%d seed=%d"
                    + " backend=%s device=%s%n", sampler.id(), target.id(), schedule.id(), gridId, start, end,
                    particles, seed, runner.backend(), runner.device());
            out.printf("%-6s %-11s %-9s %-13s %-8s %-8s %-12s %-9s %-9s %-12s %-9s %-9s%n", "steps", "NFE/sample",
                    "NFE_se", "attempts/step", "launches", "seconds", "mean_error", "std_error", "floor", "sliced_W2",
                    "std_error", "floor");
            for (SamplingContext ctx : contexts) {
                ForsResult r = runner.run(new ForsJob(sampler, ctx, target, init, seed, triesPerLaunch));
                last = r.particles();
                Estimate mean = MonteCarloMetrics.meanError(last, exact);
                Estimate w2 = MonteCarloMetrics.slicedW2(last, exact, PROJECTIONS, seed);
                double w2Floor = MonteCarloMetrics.slicedW2Floor(exact, particles, PROJECTIONS, seed).value();
                out.printf("%-6d %-11.2f %-9.2f %-13.3f %-8d %-8.3f %-12.4e %-9.2e %-9.2e %-12.4e %-9.2e %-9.2e%n",
                        ctx.steps(), r.meanEvaluations(), r.evaluationsStandardError(),
                        (double) r.attempts() / ((double) particles * ctx.steps()), r.launches(), r.seconds(),
                        mean.value(), mean.standardError(), MonteCarloMetrics.meanErrorFloor(exact, particles),
                        w2.value(), w2.standardError(), w2Floor);
                if (sampling.profile) {
                    out.println(runner instanceof DeviceForsRunner d ? d.profile().format()
                            : "(backend " + runner.backend() + " records no device profile)");
                }
                out.flush();
            }
        }
        sampling.writeOut(last, out);
        out.flush();
        return 0;
    }

    private NoiseSchedule schedule() {
        if (OU.equals(scheduleName)) {
            return new OrnsteinUhlenbeckSchedule(horizon);
        }
        if ("li".equals(scheduleName)) {
            throw new IllegalArgumentException("--schedule li is a chain of fixed length; accepted with fors: " + OU
                    + ", linear-vp, cosine-vp, ddpm-linear");
        }
        try {
            return Schedules.byName(scheduleName, 0, Schedules.LI_DEFAULT_C0, Schedules.LI_DEFAULT_C1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown schedule '" + scheduleName + "'; accepted with fors: " + OU
                    + ", linear-vp, cosine-vp, ddpm-linear");
        }
    }
}
