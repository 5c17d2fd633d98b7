package difflab.backend.java;

import difflab.core.ParticleRanges;
import difflab.core.Particles;
import difflab.kernels.CombineKernel;
import difflab.kernels.NormalNoiseKernel;
import difflab.run.Backend;
import difflab.run.SamplingJob;
import difflab.run.SamplingResult;
import difflab.sampler.Combination;
import difflab.sampler.RunProgram;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.Stage;
import difflab.sampler.StepProgram;
import difflab.sampler.Term;
import difflab.target.StageDenoiser;
import difflab.target.Target;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The {@code java} backend: runs every stage and output combination with the kernels module's plain-Java twins,
 * in fp64, parallel over particle ranges on all cores. The host loops over steps; each stage is one parallel
 * pass (per tile of {@value #FUSED_TILE} particles: combine into the stage point, then denoise with the
 * target's {@link Target#at stage denoiser}), the output one more. The mixture denoiser's twin runs on
 * {@code jdk.incubator.vector} where the JVM has the module ({@link difflab.kernels.GmmDenoiser#VECTORISED}),
 * with the same bits as its plain-loop form.
 *
 * <p>Buffers: the current step's stage points and model outputs, plus a ring of the last
 * {@code historyDepth} steps' evaluations, and one normal-noise buffer per noise stream, all allocated once per
 * run; a term names an evaluation, which the run's {@link RunProgram} locates in the ring.
 */
public final class JavaBackend implements Backend {
    /** Particle ranges per worker thread, to balance uneven chunks. */
    static final int CHUNKS_PER_THREAD = 4;
    /** Smallest particle range worth a task of its own. */
    static final int MIN_CHUNK = 256;
    /**
     * Particles per combine-then-denoise tile of a stage: the stage point is denoised soon after it is written
     * (mostly still cached), and the per-call overhead of the two kernels is spread over many particles (the
     * README's benchmark notes say how the size was chosen).
     */
    static final int FUSED_TILE = 4096;

    private final int parallelism;
    private long lastStepLoopNanos = -1;

    /** A backend using all available processors. */
    public JavaBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** A backend using {@code parallelism} threads (1 = sequential). */
    public JavaBackend(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism=" + parallelism + "; accepted: >= 1");
        }
        this.parallelism = parallelism;
    }

    @Override
    public String id() {
        return "java";
    }

    @Override
    public String device() {
        return "JVM, " + parallelism + " thread(s), fp64";
    }

    @Override
    public SamplingResult sample(SamplingJob job) {
        Sampler sampler = job.sampler();
        SamplingContext context = job.context();
        Target target = job.target();
        int n = job.initial().count();
        int d = job.initial().dimension();
        int steps = context.steps();
        RunProgram run = RunProgram.of(sampler, context);
        int depth = run.historyDepth();
        int maxStages = run.maxStages();
        long start = System.nanoTime();
        int[][] ranges = ranges(n);
        double[] x = job.initial().toArray();
        double[] next = new double[n * d];
        EvalSlot[] ring = new EvalSlot[depth + 1];
        for (int s = 0; s <= depth; s++) {
            ring[s] = new EvalSlot(maxStages, n * d);
        }
        // one normal-noise buffer per stream, refilled each step that uses the stream
        Map<Integer, double[]> noiseBuffers = new HashMap<>();
        int evaluations = 0;
        long loopStart = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            StepProgram program = run.step(i);
            EvalSlot current = ring[0];
            Map<Integer, double[]> noise = new HashMap<>();
            for (int k = 0; k < program.stages().size(); k++) {
                Stage stage = program.stages().get(k);
                double[][] terms = resolve(stage.input(), run, ring, noise, noiseBuffers, job, i, n, d, ranges);
                double[] point = current.points[k];
                double[] model = current.models[k];
                double[] input = x;
                StageDenoiser denoiser = target.at(stage.alpha(), stage.sigma());
                IntStream.range(0, ranges.length).parallel().forEach(r -> {
                    // tile by tile, so that the stage point is still in cache when the denoiser reads it
                    for (int from = ranges[r][0]; from < ranges[r][1]; from += FUSED_TILE) {
                        int to = Math.min(ranges[r][1], from + FUSED_TILE);
                        CombineKernel.combine(n, d, from, to, stage.input().stateCoefficient(), input,
                                stage.input().coefficients(), terms, point);
                        denoiser.denoise(point, n, from, to, model);
                    }
                });
                evaluations++;
            }
            Combination out = program.output();
            double[][] terms = resolve(out, run, ring, noise, noiseBuffers, job, i, n, d, ranges);
            double[] input = x;
            double[] output = next;
            IntStream.range(0, ranges.length).parallel().forEach(r -> CombineKernel.combine(n, d, ranges[r][0],
                    ranges[r][1], out.stateCoefficient(), input, out.coefficients(), terms, output));
            next = x;
            x = output;
            EvalSlot oldest = ring[depth];
            System.arraycopy(ring, 0, ring, 1, depth);
            ring[0] = oldest;
        }
        long end = System.nanoTime();
        lastStepLoopNanos = end - loopStart;
        double seconds = (end - start) * 1e-9;
        return new SamplingResult(Particles.adopt(n, d, x), evaluations, seconds);
    }

    /**
     * Wall seconds of the last {@link #sample} call's step loop: from the first step to the end of the last, with
     * the run's buffers already allocated (what the device backends' profiles call the wall time); NaN before the
     * first run. {@link SamplingResult#seconds} is the whole call, allocation included.
     */
    public double lastStepLoopSeconds() {
        return lastStepLoopNanos < 0 ? Double.NaN : lastStepLoopNanos * 1e-9;
    }

    private double[][] resolve(Combination c, RunProgram run, EvalSlot[] ring, Map<Integer, double[]> noise,
            Map<Integer, double[]> noiseBuffers, SamplingJob job, int step, int n, int d, int[][] ranges) {
        double[][] arrays = new double[c.terms().size()][];
        for (int k = 0; k < arrays.length; k++) {
            Term t = c.terms().get(k);
            if (t instanceof Term.Model m) {
                arrays[k] = ring[run.stepsBack(step, m.ref())].models[run.stage(m.ref())];
            } else if (t instanceof Term.Point p) {
                arrays[k] = ring[run.stepsBack(step, p.ref())].points[run.stage(p.ref())];
            } else if (t instanceof Term.Noise z) {
                arrays[k] = noise.computeIfAbsent(z.stream(), stream -> {
                    double[] buffer = noiseBuffers.computeIfAbsent(stream, s -> new double[n * d]);
                    IntStream.range(0, ranges.length).parallel().forEach(r -> NormalNoiseKernel.fill(n, d,
                            ranges[r][0], ranges[r][1], job.seed(), 0L, step, stream, buffer));
                    return buffer;
                });
            }
        }
        return arrays;
    }

    private int[][] ranges(int n) {
        return ParticleRanges.forThreads(n, parallelism, CHUNKS_PER_THREAD, MIN_CHUNK);
    }

    @Override
    public void close() {
        // nothing held between runs
    }

    /** The evaluations of one step: stage points and model outputs. */
    private static final class EvalSlot {
        final double[][] points;
        final double[][] models;

        EvalSlot(int stages, int size) {
            points = new double[stages][size];
            models = new double[stages][size];
        }
    }
}
