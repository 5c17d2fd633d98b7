package difflab.cli;

import difflab.backend.registry.Backends;
import difflab.core.Particles;
import difflab.core.Precision;
import difflab.exact.AffineLawPropagator;
import difflab.exact.InitialLaw;
import difflab.grid.GridType;
import difflab.grid.Grids;
import difflab.io.ParticleFiles;
import difflab.metrics.PathwiseError;
import difflab.reference.ProbabilityFlowReference;
import difflab.run.Backend;
import difflab.run.SamplingJob;
import difflab.run.SamplingResult;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.NoiseSchedule;
import difflab.schedule.Schedules;
import difflab.target.GaussianTarget;
import difflab.target.PerturbedScoreTarget;
import difflab.target.Target;
import difflab.target.Targets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code difflab run}: samples with chosen settings from seeded initial noise (or particles read from a file) and
 * prints, per step count, the NFE used and the pathwise error against the exact (Gaussian) or reference
 * (Dormand–Prince 8(5,3), 1e-12) probability-flow map; stochastic samplers get the error of the sample mean
 * against the exact mean of p<sub>t0</sub> instead, with its standard error. On Gaussian targets (prior start) the
 * exact KL of the sampler's output law against the noised marginal p<sub>t0</sub> is printed too
 * ({@link AffineLawPropagator}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Sample with one sampler over a list of step counts and print NFE and errors against the exact flow.",
        footer = {"", "Examples:",
            "  ./difflab run --sampler dpmpp-2m --steps 8,16,32 --target gmm --dim 2",
            "  ./difflab run -s res-2s --grid karras --target gaussian-full --dim 8 --particles 500",
            "  ./difflab run -s ddim --steps 20 --init x_T.npy --out x_0.csv"})
final class RunCommand implements Callable<Integer> {
    /** Particles whose reference flow is solved when the target has no closed-form flow. */
    static final int DEFAULT_ERROR_PARTICLES = 256;

    @Spec
    CommandSpec spec;

    @Mixin
    SamplingOptions sampling;

    @Option(names = {"-s", "--sampler"}, required = true, description = "Sampler id (see `difflab list`).")
    String samplerId;

    @Option(names = "--schedule", defaultValue = "linear-vp", description = "Noise schedule: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            completionCandidates = ScheduleNames.class)
    String scheduleName;

    @Option(names = "--li-c0", defaultValue = "2", description = "c0 of the Li et al. schedule. Default: ${DEFAULT-VALUE}.")
    double liC0;

    @Option(names = "--li-c1", defaultValue = "6", description = "c1 of the Li et al. schedule. Default: ${DEFAULT-VALUE}.")
    double liC1;

    @Option(names = "--grid", defaultValue = "logsnr", description = "Time grid: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            completionCandidates = GridNames.class)
    String gridName;

    @Option(names = "--grid-param", description = "Karras rho (default 7) or NSR k (default 3.1).")
    Double gridParameter;

    @Option(names = "--steps", split = ",", defaultValue = "8,16,32", description = "Step counts (comma-separated); "
            + "with --schedule li, the chain length T (the sampler makes T-1 steps X_T -> X_1). Default: ${DEFAULT-VALUE}.")
    List<Integer> steps;

    @Option(names = "--t-start", description = "Start time t_T (default: the schedule's T).")
    Double tStart;

    @Option(names = "--t-end", description = "End time t_0 (default: the schedule's recommended t_0).")
    Double tEnd;




    @Option(names = "--score-error", defaultValue = "0", description = "RMS size η of a smooth deterministic perturbation "
            + "added to the exact score (robustness studies; every backend). Default: ${DEFAULT-VALUE}.")
    double scoreError;



    @Option(names = "--precision", defaultValue = "fp64", description = "fp64 or fp32 (device backends). Default: ${DEFAULT-VALUE}.")
    String precision;

    @Option(names = "--backend", defaultValue = "java", description = "java, opencl or cuda. Default: ${DEFAULT-VALUE}.")
    String backendName;


    @Option(names = "--init", description = "Initial particles x_T (.csv with a header row, or .npy float64 (n, d)).")
    Path initFile;



    @Option(names = "--error-particles", defaultValue = "" + DEFAULT_ERROR_PARTICLES,
            description = "Particles compared against a numerical reference flow (all for Gaussians). Default: ${DEFAULT-VALUE}.")
    int errorParticles;

    @Override
    public Integer call() {
        Sampler sampler = SamplerRegistry.byId(samplerId);
        sampling.check(spec, backendName, initFile != null);
        Checks.list(spec, "--steps", steps);
        Checks.steps("--steps", steps);
        boolean li = scheduleName.equals("li");
        Checks.onlyWith(spec, "--li-c0", li, "with --schedule li");
        Checks.onlyWith(spec, "--li-c1", li, "with --schedule li");
        Checks.finite("--li-c0", liC0);
        Checks.finite("--li-c1", liC1);
        Checks.finite("--t-start", tStart);
        Checks.finite("--t-end", tEnd);
        GridType gridType = grid(spec, gridName, gridParameter);
        Target exact = sampling.target();
        long seed = sampling.seed;
        if (!(scoreError >= 0 && Double.isFinite(scoreError))) {
            throw new IllegalArgumentException("--score-error=" + scoreError + "; accepted: a finite value >= 0");
        }
        Target target = scoreError > 0 ? PerturbedScoreTarget.of(exact, scoreError, seed) : exact;
        Precision prec = Precision.parse(precision);
        if (errorParticles < 1) {
            throw new IllegalArgumentException("--error-particles=" + errorParticles + "; accepted: >= 1");
        }
        Checks.onlyWith(spec, "--error-particles", !sampler.stochastic() && !(exact instanceof GaussianTarget),
                "with a deterministic sampler on a mixture target (Gaussian targets compare every particle with the"
                        + " exact flow; stochastic samplers report the sample-mean error)");
        List<SamplingContext> contexts = new ArrayList<>();
        for (int n : steps) {
            NoiseSchedule schedule = Schedules.byName(scheduleName, n, liC0, liC1);
            double start = tStart != null ? tStart : schedule.tMax();
            double end = tEnd != null ? tEnd : schedule.tMinDefault();
            contexts.add(new SamplingContext(schedule, timeGrid(gridType, schedule, start, end,
                    Schedules.samplerSteps(scheduleName, n))));
        }
        Particles init = initFile != null ? ParticleFiles.read(initFile)
                : sampling.initialNoise();
        if (init.dimension() != target.dimension()) {
            throw new IllegalArgumentException("--init particles have dimension " + init.dimension()
                    + " but the target has --dim " + target.dimension());
        }
        PrintWriter out = spec.commandLine().getOut();
        Particles last = null;
        try (Backend backend = Backends.create(backendName, sampling.device, prec)) {
            out.printf("difflab run: sampler=%s target=%s schedule=%s grid=%s particles=%d seed=%d backend=%s"
                    + " precision=%s%n", sampler.id(), target.id(), scheduleName, gridType.id(), init.count(), seed,
                    backendName, prec.id());
            String metric = sampler.stochastic() ? "mean_error" : "rms_path_error";
            boolean exactLaw = exact instanceof GaussianTarget && initFile == null && scoreError == 0;
            out.printf("%-7s %-7s %-14s %-12s %-9s%s%n", "steps", "NFE", metric, "std_error", "seconds",
                    exactLaw ? " exact_KL(q||p)" : "");
            for (int k = 0; k < steps.size(); k++) {
                int n = steps.get(k);
                SamplingContext ctx = contexts.get(k);
                NoiseSchedule schedule = ctx.schedule();
                double start = tStart != null ? tStart : schedule.tMax();
                double end = tEnd != null ? tEnd : schedule.tMinDefault();
                SamplingResult result = backend.sample(new SamplingJob(sampler, ctx, target, init, seed));
                last = result.particles();
                double[] error = sampler.stochastic() ? meanError(exact, schedule, end, last)
                        : new double[] {pathError(exact, schedule, start, end, init, last), Double.NaN};
                out.printf("%-7d %-7d %-14.6e %-12s %-9.3f%s%n", n, result.evaluations(), error[0],
                        Double.isNaN(error[1]) ? "-" : String.format("%.2e", error[1]), result.seconds(),
                        exactLaw ? String.format(" %.6e", AffineLawPropagator.propagate(sampler, ctx,
                                (GaussianTarget) exact, InitialLaw.PRIOR).klTargetToSampler()) : "");
                if (sampling.profile) {
                    out.println(backend.lastRunProfile().map(p -> p.format())
                            .orElse("(backend " + backend.id() + " records no device profile)"));
                }
                out.flush();
            }
        }
        sampling.writeOut(last, out);
        out.flush();
        return 0;
    }

    /**
     * The grid named by {@code --grid}, with {@code --grid-param} (finite, &gt; 0) only for the grids that take one.
     */
    static GridType grid(CommandSpec spec, String name, Double parameter) {
        Checks.finite("--grid-param", parameter);
        GridType type = Grids.byName(name);
        boolean takesParameter = name.equals("karras") || name.equals("nsr");
        Checks.onlyWith(spec, "--grid-param", takesParameter, "with --grid karras (rho) or --grid nsr (k)");
        if (parameter != null && !(parameter > 0)) {
            throw new IllegalArgumentException("--grid-param=" + parameter + "; accepted: a finite number > 0");
        }
        return parameter == null ? type : Grids.byName(name, parameter);
    }

    /** The time grid from --t-start to --t-end; a bad time range is reported with the options' names. */
    static difflab.grid.TimeGrid timeGrid(GridType type, NoiseSchedule schedule, double start, double end, int steps) {
        try {
            return type.build(schedule, start, end, steps);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("--t-start=" + start + " / --t-end=" + end + " (schedule "
                    + schedule.id() + ", T=" + schedule.tMax() + "): " + bad.getMessage(), bad);
        }
    }

    private double pathError(Target target, NoiseSchedule schedule, double start, double end, Particles init,
            Particles result) {
        int count = target instanceof GaussianTarget ? init.count() : Math.min(errorParticles, init.count());
        Particles head = PathwiseError.head(init, count);
        Particles reference = ProbabilityFlowReference.solve(target, head, schedule.lambda(start), schedule.lambda(end));
        return PathwiseError.rms(result, reference, count);
    }

    /** |mean of particles − α<sub>t0</sub>·E[x<sub>0</sub>]| and its standard error sqrt(Σ<sub>j</sub> var<sub>j</sub>/n). */
    private static double[] meanError(Target target, NoiseSchedule schedule, double end, Particles p) {
        double alpha = schedule.alpha(end);
        double[] mu = target.mean();
        double sq = 0;
        double variance = 0;
        int n = p.count();
        for (int j = 0; j < p.dimension(); j++) {
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                sum += p.get(i, j);
                sumSq += p.get(i, j) * p.get(i, j);
            }
            double mean = sum / n;
            double diff = mean - alpha * mu[j];
            sq += diff * diff;
            variance += Math.max(sumSq / n - mean * mean, 0) / n;
        }
        return new double[] {Math.sqrt(sq), Math.sqrt(variance)};
    }

    static final class ScheduleNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Schedules.NAMES.iterator();
        }
    }

    static final class GridNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Grids.NAMES.iterator();
        }
    }

    static final class TargetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Targets.NAMES.iterator();
        }
    }
}
