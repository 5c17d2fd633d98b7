package difflab.fors;

import difflab.core.ParticleRanges;
import difflab.core.Particles;
import difflab.sampler.SamplingContext;
import difflab.target.Target;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Runs the FORS diffusion sampler ({@link ForsDiffusionSampler}, a reconstruction) on the {@code java} backend.
 * It cannot be a coefficient program (the accept/reject loop has a random length), so it has its own runner with
 * the structure a device backend would have: per step, one parallel {@link ForsStepKernel#prepare} pass, then
 * launches of {@link ForsStepKernel#launch} over the particles still rejected, each with at most
 * {@link ForsJob#triesPerLaunch()} attempts per particle, until every particle has accepted. Particles are
 * processed in parallel ranges; results depend only on (seed, particle) ({@link ForsNoise}). This is the Java
 * twin of the device runner {@code difflab.backend.DeviceForsRunner} (kernel {@code fors_launch}, fors.cl).
 */
public final class ForsRunner implements ForsExecutor {
    /** Default attempts per particle and launch. */
    public static final int DEFAULT_TRIES_PER_LAUNCH = 8;
    /**
     * A particle still rejected after this many attempts in one step aborts the run (IllegalStateException): the
     * sampler never falls back silently to an unaccepted proposal.
     */
    public static final int MAX_ATTEMPTS_PER_STEP = 1 << 30;
    /** Particle ranges per worker thread. */
    static final int CHUNKS_PER_THREAD = 4;
    /** Smallest range worth a task of its own. */
    static final int MIN_CHUNK = 16;

    private final int parallelism;

    /** A runner on all available processors. */
    public ForsRunner() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** A runner on {@code parallelism} threads (1 = sequential). */
    public ForsRunner(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism=" + parallelism + " is invalid; accepted: >= 1");
        }
        this.parallelism = parallelism;
    }

    /** The backend id (always {@code java}). */
    @Override
    public String backend() {
        return "java";
    }

    @Override
    public String device() {
        return "java, " + parallelism + (parallelism == 1 ? " thread" : " threads") + ", fp64";
    }

    /** Runs the job. */
    @Override
    public ForsResult run(ForsJob job) {
        ForsDiffusionSampler sampler = job.sampler();
        SamplingContext context = job.context();
        Target target = job.target();
        int n = job.initial().count();
        int d = target.dimension();
        long start = System.nanoTime();
        double[] x = job.initial().toArray();
        double[] next = new double[n * d];
        double[] y = new double[n * d];
        double[] sy = new double[n * d];
        double[] mean = new double[n * d];
        long[] evaluations = new long[n];
        int[] nextAttempt = new int[n];
        boolean[] done = new boolean[n];
        int[] pending = new int[n];
        long attempts = 0;
        long launches = 0;
        for (int step = 0; step < context.steps(); step++) {
            StepGeometry g = StepGeometry.of(context, step);
            prepare(n, target, g, sampler.reference(), x, y, sy, mean, evaluations);
            Arrays.fill(nextAttempt, 0);
            Arrays.fill(done, false);
            for (int i = 0; i < n; i++) {
                pending[i] = i;
            }
            int count = n;
            final int stepIndex = step;
            final double[] output = next;
            while (count > 0) {
                int[][] rs = ranges(count);
                IntStream.range(0, rs.length).parallel().forEach(r -> ForsStepKernel.launch(pending, rs[r][0],
                        rs[r][1], n, target, g, sampler.parameters(), job.seed(), stepIndex, y, sy, mean, output,
                        nextAttempt, done, evaluations, job.triesPerLaunch()));
                launches++;
                int kept = 0;
                for (int p = 0; p < count; p++) {
                    int i = pending[p];
                    if (!done[i]) {
                        if (nextAttempt[i] >= MAX_ATTEMPTS_PER_STEP) {
                            throw new IllegalStateException("particle " + i + " was rejected " + nextAttempt[i]
                                    + " times in step " + step + " of " + sampler.id() + " (t=" + g.timeFrom() + " -> "
                                    + g.timeTo() + "); the acceptance probability has collapsed: lower B or the tilt");
                        }
                        pending[kept++] = i;
                    }
                }
                count = kept;
            }
            for (int i = 0; i < n; i++) {
                attempts += nextAttempt[i];
            }
            next = x;
            x = output;
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new ForsResult(Particles.adopt(n, d, x), evaluations, attempts, launches, seconds);
    }

    /**
     * {@link ForsStepKernel#prepare} for all n particles, in parallel ranges on this runner's threads (also the host
     * half of a device step, {@code difflab.backend.DeviceForsRunner}).
     */
    public void prepare(int n, Target target, StepGeometry g, ReferencePoint reference, double[] x, double[] y,
            double[] sy, double[] mean, long[] evaluations) {
        int[][] all = ranges(n);
        IntStream.range(0, all.length).parallel().forEach(r -> ForsStepKernel.prepare(n, all[r][0], all[r][1], target,
                g, reference, x, y, sy, mean, evaluations));
    }

    private int[][] ranges(int n) {
        return ParticleRanges.forThreads(n, parallelism, CHUNKS_PER_THREAD, MIN_CHUNK);
    }

    /** Nothing to release. */
    @Override
    public void close() {
    }
}
