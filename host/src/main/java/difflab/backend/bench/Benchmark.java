package difflab.backend.bench;

import difflab.backend.DeviceBackend;
import difflab.backend.DeviceListing;
import difflab.backend.DeviceSession;
import difflab.backend.KernelTimer;
import difflab.backend.java.JavaBackend;
import difflab.backend.registry.Backends;
import difflab.core.InitialNoise;
import difflab.core.ParticleRanges;
import difflab.core.Precision;
import difflab.core.Profile;
import difflab.fors.ForsDiffusionSampler;
import difflab.fors.ForsExecutor;
import difflab.fors.ForsJob;
import difflab.fors.ForsResult;
import difflab.fors.ForsRunner;
import difflab.fors.OrnsteinUhlenbeckSchedule;
import difflab.grid.GridType;
import difflab.kernels.CombineKernel;
import difflab.kernels.GmmDenoiser;
import difflab.run.Backend;
import difflab.run.SamplingJob;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianMixtureTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The material of {@code difflab bench}: on each requested backend,
 * <ol>
 *   <li><b>copy</b>: {@code dst = src} over the combine's n·d doubles, the attainable memory bandwidth
 *       (2 × 8 B per element);</li>
 *   <li><b>combine</b>: the output combine kernel {@code x = a·x + b0·M0 + b1·M1} on
 *       {@link Config#combineParticles} × {@link Config#dimension} (4 × 8 B per element), in GB/s and as a
 *       fraction of the same backend's copy bandwidth (issue 3 target: ≥ 0.7);</li>
 *   <li><b>step</b>: a full DPM-Solver++(2M) step (one fused GMM stage kernel and one output combine)
 *       on the standard isotropic mixture with {@link Config#components} components, in seconds per step
 *       and particle-steps per second, with the particles resident (OpenCL and CUDA: the profile's
 *       step-loop wall time; java: the backend's step-loop time); on CUDA also as a fraction of the
 *       {@link StepRoofline} bound from the device's fp64 peak and the measured copy bandwidth.</li>
 * </ol>
 * Copy and combine repetitions alternate, so both see the same machine load (the development machines
 * are shared). Every figure is the median of {@link Config#repetitions} timed repetitions after one warm-up. OpenCL
 * kernel figures are device times from event profiling, CUDA ones from CUDA events. Results print as a table ({@link Result#table})
 * or JSON ({@link Result#json}).
 */
public final class Benchmark {

    /** Backend ids the benchmark knows. */
    public static final List<String> BACKENDS = List.of("java", "opencl", "cuda");
    /** Backends measured when none are named (cuda only on request: most machines have no NVIDIA driver). */
    public static final List<String> DEFAULT_BACKENDS = List.of("java", "opencl");
    /** The sampler of the step benchmark. */
    public static final String STEP_SAMPLER = "dpmpp-2m";
    /** Particles of the combine and step benchmarks unless told otherwise. */
    public static final int DEFAULT_PARTICLES = 1_000_000;
    /** Particle counts of {@code bench --scaling}. */
    public static final List<Integer> SCALING_PARTICLES = List.of(100_000, 200_000, 500_000, 1_000_000, 2_000_000,
            4_000_000);
    /** The numpy peer of the step benchmark, relative to the project root. */
    public static final String PEER_SCRIPT = "scripts/numpy_peer.py";
    /** Copy and combine sizes are multiples of this (the largest OpenCL vector width). */
    public static final int SIZE_QUANTUM = 16;
    private static final double BYTES_PER_GB = 1e9;
    /** Size of the FORS benchmark: d, K, steps, B, horizon of the OU schedule. */
    static final int FORS_DIMENSION = 2;
    static final int FORS_COMPONENTS = 4;
    static final int FORS_STEPS = 16;
    static final double FORS_BOUND = 1.0;
    static final double FORS_HORIZON = 4.0;

    private Benchmark() {
    }

    /**
     * Sizes and repetitions.
     *
     * @param backends          subset of {@link #BACKENDS}
     * @param device            OpenCL device selector ({@code auto}, {@code P:D} or an index)
     * @param copyElements      elements of the copy benchmark; 0 (the default) copies the combine's own n·d
     *                          buffers, alternating with the combine, so the fraction compares like with like
     * @param combineParticles  particles of the combine benchmark
     * @param stepParticles     particles of the step benchmark
     * @param dimension         d of the combine and step benchmarks
     * @param components        K of the step benchmark's mixture
     * @param steps             sampler steps per timed run of the step benchmark (per-step time = run / steps)
     * @param repetitions       timed repetitions per figure (median reported)
     * @param forsParticles     particles of the FORS benchmark ({@link #FORS_DIMENSION}-D mixture, fixed size
     *                          otherwise); 0 skips it
     */
    public record Config(List<String> backends, String device, int copyElements, int combineParticles,
                         int stepParticles, int dimension, int components, int steps, int repetitions,
                         int forsParticles, boolean numpy) {
        /** Without the numpy peer. */
        public Config(List<String> backends, String device, int copyElements, int combineParticles,
                      int stepParticles, int dimension, int components, int steps, int repetitions,
                      int forsParticles) {
            this(backends, device, copyElements, combineParticles, stepParticles, dimension, components, steps,
                    repetitions, forsParticles, false);
        }

        /** Without the FORS benchmark. */
        public Config(List<String> backends, String device, int copyElements, int combineParticles,
                      int stepParticles, int dimension, int components, int steps, int repetitions) {
            this(backends, device, copyElements, combineParticles, stepParticles, dimension, components, steps,
                    repetitions, 0);
        }

        public Config {
            backends = List.copyOf(backends);
            for (String b : backends) {
                if (!BACKENDS.contains(b)) {
                    throw new IllegalArgumentException("unknown backend '" + b + "'; accepted: " + BACKENDS);
                }
            }
            if (combineParticles < 1 || stepParticles < 1 || dimension < 1 || components < 1
                    || steps < 2 || repetitions < 1) {
                throw new IllegalArgumentException("benchmark sizes must be >= 1 and steps >= 2, got " + this);
            }
            if (forsParticles < 0) {
                throw new IllegalArgumentException("FORS particles " + forsParticles + "; accepted: >= 0 (0 skips it)");
            }
            if (combineParticles % SIZE_QUANTUM != 0 || copyElements < 0 || copyElements % SIZE_QUANTUM != 0) {
                throw new IllegalArgumentException("combine particles " + combineParticles + " and copy elements "
                        + copyElements + " must be multiples of " + SIZE_QUANTUM
                        + " (the largest vector width); copy elements may be 0 (= the combine's n*d)");
            }
        }

        /** d = 64, K = 16, 10^6 particles, 4 steps, 5 repetitions, FORS on 2^15 particles. */
        public static Config defaults() {
            return new Config(DEFAULT_BACKENDS, DeviceListing.AUTO, 0, DEFAULT_PARTICLES, DEFAULT_PARTICLES, 64, 16, 4,
                    5, 1 << 15);
        }

        /** The same figures with N particles for combine and step (e.g. 10^6 for the target); FORS unchanged. */
        public Config withParticles(int n) {
            return new Config(backends, device, copyElements, n, n, dimension, components, steps, repetitions,
                    forsParticles, numpy);
        }

        /** The same figures with (or without) the numpy peer of the step ({@value #PEER_SCRIPT}). */
        public Config withNumpy(boolean on) {
            return new Config(backends, device, copyElements, combineParticles, stepParticles, dimension, components,
                    steps, repetitions, forsParticles, on);
        }

        /** The same figures with {@code n} FORS particles (0 skips the FORS benchmark). */
        public Config withForsParticles(int n) {
            return new Config(backends, device, copyElements, combineParticles, stepParticles, dimension, components,
                    steps, repetitions, n, numpy);
        }
    }

    /**
     * One measured figure.
     *
     * @param backend               {@code java}, {@code opencl}, {@code cuda} or {@code numpy}
     * @param device                device description
     * @param benchmark             {@code peak-fma}, {@code copy}, {@code combine}, {@code stage}, {@code step} or
     *                              {@code fors}
     * @param size                  what was measured, e.g. {@code n=65536 d=64}
     * @param medianSeconds         median seconds per operation (per step for {@code step}, per launch for a kernel)
     * @param gbPerSecond           bytes moved / second, NaN where not applicable
     * @param gflopsPerSecond       flops / second in units of 1e9 ({@code peak-fma}, and kernels with a flop count)
     * @param fractionOfCopy        GB/s over the same backend's copy GB/s, NaN where not applicable
     * @param particleStepsPerSecond particles × steps / second, NaN where not applicable
     * @param flopsPerParticleStep  F of the kernel's formula ({@link StepRoofline}), NaN where not applicable
     * @param bytesPerParticleStep  Q of the kernel's formula ({@link StepRoofline}), NaN where not applicable
     * @param fractionOfRoofline    particle-steps/s over {@code min(P/F, B/Q)} with the backend's measured peak P
     *                              ({@code peak-fma}) and copy bandwidth B; NaN where either is unknown
     * @param samples               all timed repetitions, seconds
     */
    public record Row(String backend, String device, String benchmark, String size, double medianSeconds,
                      double gbPerSecond, double gflopsPerSecond, double fractionOfCopy,
                      double particleStepsPerSecond, double flopsPerParticleStep, double bytesPerParticleStep,
                      double fractionOfRoofline, double[] samples) {

        /** A row with only a time (and the samples). */
        static Row timed(String backend, String device, String benchmark, String size, double[] samples) {
            return new Row(backend, device, benchmark, size, median(samples), Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, samples);
        }
    }

    /** Header of the {@code --scaling} table. */
    public static final String SCALING_HEADER = String.format(Locale.ROOT, "%-7s %10s %12s %18s%n", "backend",
            "particles", "ms per step", "ns/particle-step");

    /** One line of the {@code --scaling} table. */
    public static String scalingLine(Row r) {
        if (Double.isNaN(r.medianSeconds())) {
            return String.format(Locale.ROOT, "%-7s %s%n", r.backend(), r.size());
        }
        return String.format(Locale.ROOT, "%-7s %10.0f %12.3f %18.2f%n", r.backend(),
                r.medianSeconds() * r.particleStepsPerSecond(), r.medianSeconds() * 1e3, 1e9 / r.particleStepsPerSecond());
    }

    /** All rows of one benchmark run. */
    public record Result(Config config, List<Row> rows) {

        /** A fixed-width table, then the device lines and the speed-ups over the numpy peer (if it ran). */
        public String table() {
            int width = Math.max("size".length(), rows.stream().mapToInt(r -> r.size().length()).max().orElse(0));
            String size = "%-" + width + "s";
            String head = "%-7s %-8s " + size + " %12s %9s %9s %8s %16s %9s %9s %11s%n";
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, head, "backend", "kernel", "size",
                    "median ms", "GB/s", "GFLOP/s", "of copy", "particle-steps/s", "flop/p-s", "byte/p-s",
                    "of roofline"));
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, head, r.backend(), r.benchmark(), r.size(),
                        String.format(Locale.ROOT, "%.3f", r.medianSeconds() * 1e3), fmt(r.gbPerSecond(), "%.1f"),
                        fmt(r.gflopsPerSecond(), "%.1f"), fmt(r.fractionOfCopy(), "%.2f"),
                        fmt(r.particleStepsPerSecond(), "%.3e"), fmt(r.flopsPerParticleStep(), "%.0f"),
                        fmt(r.bytesPerParticleStep(), "%.0f"), fmt(r.fractionOfRoofline(), "%.3f")));
            }
            for (Row r : rows) {
                if (r.benchmark().equals("copy") || (r.backend().equals("numpy") && r.benchmark().equals("step"))) {
                    sb.append(r.backend()).append(" device: ").append(r.device()).append('\n');
                }
            }
            for (String ratio : speedUps()) {
                sb.append(ratio).append('\n');
            }
            for (String ratio : precisionRatios()) {
                sb.append(ratio).append('\n');
            }
            return sb.toString();
        }

        /** The {@link #scaling} rows: backend, N, seconds per step and nanoseconds per particle-step. */
        public String scalingTable() {
            StringBuilder sb = new StringBuilder(SCALING_HEADER);
            for (Row r : rows) {
                sb.append(scalingLine(r));
            }
            return sb.toString();
        }

        /** "step speed-up of B over numpy: x" for every backend, when the numpy peer ran. */
        public List<String> speedUps() {
            Row numpy = stepRow("numpy");
            List<String> out = new ArrayList<>();
            if (numpy == null) {
                return out;
            }
            for (Row r : rows) {
                if (r.benchmark().equals("step") && !r.backend().equals("numpy")) {
                    out.add(String.format(Locale.ROOT, "step speed-up of %s over numpy: %.2fx", r.backend(),
                            numpy.medianSeconds() / r.medianSeconds()));
                }
            }
            return out;
        }

        /** "opencl step fp32 over fp64: x" when both rows are present. */
        public List<String> precisionRatios() {
            List<String> out = new ArrayList<>();
            Row fp64 = stepRow("opencl");
            for (Row r : rows) {
                if (fp64 != null && r.benchmark().equals(STEP_FP32)) {
                    out.add(String.format(Locale.ROOT, "opencl step fp32 over fp64: %.2fx",
                            fp64.medianSeconds() / r.medianSeconds()));
                }
            }
            return out;
        }

        /** The step row of one backend, or null. */
        public Row stepRow(String backend) {
            for (Row r : rows) {
                if (r.backend().equals(backend) && r.benchmark().equals("step")) {
                    return r;
                }
            }
            return null;
        }

        /** The rows as a JSON array of objects (NaN written as null). */
        public String json() {
            StringBuilder sb = new StringBuilder("[\n");
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                sb.append("  {\"backend\":").append(str(r.backend())).append(",\"device\":").append(str(r.device()))
                        .append(",\"benchmark\":").append(str(r.benchmark())).append(",\"size\":").append(str(r.size()))
                        .append(",\"medianSeconds\":").append(num(r.medianSeconds()))
                        .append(",\"gbPerSecond\":").append(num(r.gbPerSecond()))
                        .append(",\"gflopsPerSecond\":").append(num(r.gflopsPerSecond()))
                        .append(",\"fractionOfCopy\":").append(num(r.fractionOfCopy()))
                        .append(",\"particleStepsPerSecond\":").append(num(r.particleStepsPerSecond()))
                        .append(",\"flopsPerParticleStep\":").append(num(r.flopsPerParticleStep()))
                        .append(",\"bytesPerParticleStep\":").append(num(r.bytesPerParticleStep()))
                        .append(",\"fractionOfRoofline\":").append(num(r.fractionOfRoofline()))
                        .append(",\"samples\":[");
                for (int k = 0; k < r.samples().length; k++) {
                    sb.append(k > 0 ? "," : "").append(num(r.samples()[k]));
                }
                sb.append("]}").append(i + 1 < rows.size() ? "," : "").append('\n');
            }
            return sb.append(']').toString();
        }

        private static String fmt(double v, String f) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, f, v);
        }

        private static String num(double v) {
            return Double.isFinite(v) ? Double.toString(v) : "null";
        }

        private static String str(String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }

    /**
     * Runs the benchmark on every backend of {@code config}, then the numpy peer if asked.
     *
     * @throws BackendException if the opencl or cuda backend is requested and unavailable (never skipped silently)
     */
    public static Result run(Config config) {
        List<Row> rows = new ArrayList<>();
        for (String b : config.backends()) {
            if (b.equals("java")) {
                rows.addAll(runJava(config));
            } else {
                rows.addAll(runDevice(b, config));
            }
            if (config.forsParticles() > 0) {
                rows.add(forsRow(b, config));
            }
        }
        if (config.numpy()) {
            rows.add(NumpyPeer.stepRow(config, stepJob(config)));
        }
        return new Result(config, List.copyOf(rows));
    }

    /**
     * {@code bench --scaling}: the step benchmark alone on every backend of {@code config} for each particle count
     * (the rows' particle-steps/s give the time per particle-step). On java, counts whose buffers (about
     * {@value #JAVA_STEP_BUFFERS} n·d arrays) exceed the heap are left out, with a row saying so.
     */
    public static Result scaling(Config config, List<Integer> particles) {
        return scaling(config, particles, row -> { });
    }

    /** {@link #scaling(Config, List)}, handing each row to {@code progress} as soon as it is measured. */
    public static Result scaling(Config config, List<Integer> particles, java.util.function.Consumer<Row> progress) {
        List<Row> rows = new ArrayList<>();
        for (String b : config.backends()) {
            for (int n : particles) {
                Config c = config.withParticles(n);
                int arrays = b.equals("java") ? JAVA_STEP_BUFFERS : DEVICE_HOST_BUFFERS;
                double need = arrays * (double) n * c.dimension() * Double.BYTES;
                Row row;
                if (need > Runtime.getRuntime().maxMemory()) {
                    row = Row.timed(b, "JVM", "step", String.format(Locale.ROOT, "n=%d skipped: needs about %.1f GB"
                            + " of Java heap (DIFFLAB_JAVA_OPTS=-Xmx...)", n, need / 1e9), new double[] {Double.NaN});
                } else if (b.equals("java")) {
                    JavaBackend backend = new JavaBackend();
                    row = stepRow("java", backend.device(), c, javaSteps(backend, c), Double.NaN, Double.NaN);
                } else {
                    try (DeviceBackend backend = Backends.device(b, c.device(), Precision.FP64)) {
                        row = stepRow(b, backend.device(), c, deviceSteps(backend, c, null), Double.NaN, Double.NaN);
                    }
                }
                rows.add(row);
                progress.accept(row);
            }
        }
        return new Result(config, List.copyOf(rows));
    }

    /** n·d host arrays a device step benchmark holds at once (initial noise, its copy, the result, slack). */
    static final int DEVICE_HOST_BUFFERS = 4;

    /** n·d arrays the java step benchmark holds at once (initial, state, next, two history slots, slack). */
    static final int JAVA_STEP_BUFFERS = 8;

    /**
     * The FORS sampler ({@link ForsDiffusionSampler#withBound} B = {@value #FORS_BOUND}) over {@value #FORS_STEPS}
     * log-SNR steps of the OU schedule (T = {@value #FORS_HORIZON}) on the standard isotropic mixture with d =
     * {@value #FORS_DIMENSION}, K = {@value #FORS_COMPONENTS}: seconds per run (host and device halves of every
     * step and the relaunches included), particle-steps/s, and the exact NFE per sample in the size column.
     */
    private static Row forsRow(String backend, Config c) {
        int n = c.forsParticles();
        OrnsteinUhlenbeckSchedule ou = new OrnsteinUhlenbeckSchedule(FORS_HORIZON);
        SamplingContext ctx = new SamplingContext(ou,
                new GridType.UniformLogSnr().build(ou, ou.tMax(), ou.tMinDefault(), FORS_STEPS));
        GaussianMixtureTarget target = GaussianMixtureTarget.standard(FORS_DIMENSION, FORS_COMPONENTS, true);
        ForsJob job = new ForsJob(ForsDiffusionSampler.withBound(FORS_BOUND), ctx, target,
                InitialNoise.standardNormal(n, FORS_DIMENSION, 1L), 1L, ForsRunner.DEFAULT_TRIES_PER_LAUNCH);
        double[] perRun = new double[c.repetitions()];
        double nfe = Double.NaN;
        String device;
        try (ForsExecutor runner = Backends.fors(backend, c.device())) {
            device = runner.device();
            for (int r = -1; r < c.repetitions(); r++) {
                ForsResult res = runner.run(job);
                nfe = res.meanEvaluations();
                if (r >= 0) {
                    perRun[r] = res.seconds();
                }
            }
        }
        double med = median(perRun);
        return new Row(backend, device, "fors", String.format(Locale.ROOT, "gmm n=%d d=%d K=%d steps=%d NFE=%.1f", n,
                FORS_DIMENSION, FORS_COMPONENTS, FORS_STEPS, nfe), med, Double.NaN, Double.NaN, Double.NaN,
                (double) n * FORS_STEPS / med, Double.NaN, Double.NaN, Double.NaN, perRun);
    }

    static double median(double[] s) {
        double[] c = s.clone();
        Arrays.sort(c);
        int m = c.length / 2;
        return c.length % 2 == 1 ? c[m] : 0.5 * (c[m - 1] + c[m]);
    }

    /** The peak-fma row: flops per repetition over each repetition's seconds. */
    private static Row peakRow(String backend, String device, String size, double flops, double[] seconds) {
        double med = median(seconds);
        return new Row(backend, device, "peak-fma", size, med, Double.NaN, flops / med / 1e9, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, seconds);
    }

    /** Copy and combine rows; the combine with its formula's F, Q and the fraction of its roofline. */
    private static List<Row> bandwidthRows(String backend, String device, Config c, double peakFlops, double[] copy,
            double[] combine) {
        long combineElements = (long) c.combineParticles() * c.dimension();
        long copyElements = c.copyElements() == 0 ? combineElements : c.copyElements();
        double copyGb = KernelTimer.copyBytes(copyElements, Precision.FP64) / BYTES_PER_GB / median(copy);
        double combineGb = KernelTimer.combineBytes(combineElements, Precision.FP64) / BYTES_PER_GB
                / median(combine);
        StepRoofline model = new StepRoofline(c.dimension(), c.components(), Precision.FP64);
        double rate = c.combineParticles() / median(combine);
        double bound = StepRoofline.bound(model.combineFlops(), model.combineBytes(), peakFlops, copyGb * BYTES_PER_GB);
        return List.of(
                new Row(backend, device, "copy", "elements=" + copyElements, median(copy), copyGb, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, copy),
                new Row(backend, device, "combine", "n=" + c.combineParticles() + " d=" + c.dimension(),
                        median(combine), combineGb, rate * model.combineFlops() / 1e9, combineGb / copyGb, rate,
                        model.combineFlops(), model.combineBytes(), rate / bound, combine));
    }

    /**
     * The step row with the whole step's F and Q; {@code peakFlops} and {@code bandwidth} (bytes/s, the copy
     * kernel's) give the fraction of the {@link StepRoofline} bound (NaN if either is unknown).
     */
    private static Row stepRow(String backend, String device, Config c, double[] perStep, double peakFlops,
            double bandwidth) {
        StepRoofline model = new StepRoofline(c.dimension(), c.components(), Precision.FP64);
        double med = median(perStep);
        double rate = c.stepParticles() / med;
        return new Row(backend, device, "step", STEP_SAMPLER + " gmm n=" + c.stepParticles() + " d=" + c.dimension()
                + " K=" + c.components(), med, Double.NaN, rate * model.flopsPerParticleStep() / 1e9, Double.NaN, rate,
                model.flopsPerParticleStep(), model.bytesPerParticleStep(),
                rate / model.particleStepsPerSecond(peakFlops, bandwidth), perStep);
    }

    /** The stage kernel's row (device time per launch from the step runs' profiles). */
    private static Row stageRow(String backend, String device, Config c, double[] perLaunch, double peakFlops,
            double bandwidth) {
        StepRoofline model = new StepRoofline(c.dimension(), c.components(), Precision.FP64);
        double med = median(perLaunch);
        double rate = c.stepParticles() / med;
        double bound = StepRoofline.bound(model.stageFlops(), model.stageBytes(), peakFlops, bandwidth);
        return new Row(backend, device, "stage", STAGE_KERNEL + " n=" + c.stepParticles() + " d=" + c.dimension()
                + " K=" + c.components(), med, rate * model.stageBytes() / BYTES_PER_GB,
                rate * model.stageFlops() / 1e9, Double.NaN, rate, model.stageFlops(), model.stageBytes(),
                rate / bound, perLaunch);
    }

    /** The fused stage kernel of the step benchmark's target. */
    static final String STAGE_KERNEL = "stage_gmm_iso";

    static SamplingJob stepJob(Config c) {
        Sampler sampler = SamplerRegistry.byId(STEP_SAMPLER);
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule,
                new GridType.UniformLogSnr().build(schedule, 1.0, 1e-3, c.steps()));
        GaussianMixtureTarget target = GaussianMixtureTarget.standard(c.dimension(), c.components(), true);
        return new SamplingJob(sampler, ctx, target, InitialNoise.standardNormal(c.stepParticles(), c.dimension(), 1L),
                1L);
    }

    /**
     * Seconds per step of the java backend's step loop ({@link JavaBackend#lastStepLoopSeconds}: buffers allocated,
     * particles resident, as the device rows), per repetition (after one warm-up).
     */
    private static double[] javaSteps(JavaBackend backend, Config c) {
        SamplingJob job = stepJob(c);
        double[] perStep = new double[c.repetitions()];
        for (int r = -1; r < c.repetitions(); r++) {
            backend.sample(job);
            if (r >= 0) {
                perStep[r] = backend.lastStepLoopSeconds() / c.steps();
            }
        }
        return perStep;
    }

    /**
     * Seconds per step of a device backend's step loop (the profile's wall time), per repetition after one
     * warm-up; {@code stagePerLaunch}, if not null, receives the stage kernel's device seconds per launch.
     */
    private static double[] deviceSteps(Backend backend, Config c, double[] stagePerLaunch) {
        SamplingJob job = stepJob(c);
        double[] perStep = new double[c.repetitions()];
        for (int r = -1; r < c.repetitions(); r++) {
            backend.sample(job);
            Profile p = backend.lastRunProfile().orElseThrow();
            if (r >= 0) {
                perStep[r] = p.wallNanos() * 1e-9 / c.steps();
                Profile.KernelTime stage = p.kernels().get(STAGE_KERNEL);
                if (stagePerLaunch != null && stage != null) {
                    stagePerLaunch[r] = stage.nanos() * 1e-9 / stage.launches();
                }
            }
        }
        return perStep;
    }

    /**
     * Seconds of {@code reps} runs of a multi-threaded Java fma loop (after one warm-up), on every thread at once.
     * With {@code jdk.incubator.vector} ({@link GmmDenoiser#VECTORISED}) each thread runs {@link JavaVectorPeak}
     * ({@value #JAVA_VECTOR_PEAK_ROUNDS} rounds of {@value JavaVectorPeak#ACCUMULATORS} register-held vector
     * FMAs); without, it applies {@code a[t] = fma(a[t], m, c)} {@value #JAVA_PEAK_ROUNDS} times over its own
     * {@value #JAVA_PEAK_LANES} doubles (C2 vectorises that loop, but each FMA also loads and stores, so it
     * understates the FMA pipes). Flops per run {@link #javaPeakFlops}.
     */
    private static double[] javaPeak(int threads, int reps) {
        double[][] lanes = new double[threads][JAVA_PEAK_LANES];
        double[] sink = new double[threads];
        double[] s = new double[reps];
        for (int r = -1; r < reps; r++) {
            long t0 = System.nanoTime();
            IntStream.range(0, threads).parallel().forEach(q -> {
                if (GmmDenoiser.VECTORISED) {
                    sink[q] += JavaVectorPeak.run(JAVA_VECTOR_PEAK_ROUNDS);
                    return;
                }
                double[] a = lanes[q];
                for (int k = 0; k < JAVA_PEAK_ROUNDS; k++) {
                    for (int t = 0; t < a.length; t++) {
                        a[t] = Math.fma(a[t], 0.999, 1e-3);
                    }
                }
            });
            if (r >= 0) {
                s[r] = (System.nanoTime() - t0) * 1e-9;
            }
        }
        if (Double.isNaN(sink[0])) {
            throw new IllegalStateException("peak-fma accumulators overflowed");
        }
        return s;
    }

    static final int JAVA_PEAK_LANES = 512;
    static final int JAVA_PEAK_ROUNDS = 1 << 16;
    static final long JAVA_VECTOR_PEAK_ROUNDS = 1L << 22;

    static double javaPeakFlops(int threads) {
        return (GmmDenoiser.VECTORISED ? JavaVectorPeak.flops(JAVA_VECTOR_PEAK_ROUNDS)
                : 2.0 * JAVA_PEAK_LANES * JAVA_PEAK_ROUNDS) * threads;
    }

    /** The java peak row's size column: what {@link #javaPeak} runs per thread. */
    static String javaPeakSize(int threads) {
        return GmmDenoiser.VECTORISED
                ? threads + " threads x " + JavaVectorPeak.ACCUMULATORS + " vectors x " + JavaVectorPeak.LANES + " lanes"
                : threads + " threads x " + JAVA_PEAK_LANES + " lanes";
    }

    private static List<Row> runJava(Config c) {
        JavaBackend backend = new JavaBackend();
        int threads = Runtime.getRuntime().availableProcessors();
        List<Row> rows = new ArrayList<>();
        double[] peak = javaPeak(threads, c.repetitions());
        rows.add(peakRow("java", backend.device(), javaPeakSize(threads), javaPeakFlops(threads), peak));
        double peakFlops = javaPeakFlops(threads) / median(peak);
        int n = c.combineParticles();
        int d = c.dimension();
        double[] x = random(n * d);
        double[][] terms = {random(n * d), random(n * d)};
        double[] coefs = {0.3, -0.1};
        double[] copySrc = c.copyElements() == 0 ? terms[0] : random(c.copyElements());
        double[] copyDst = c.copyElements() == 0 ? terms[1] : new double[c.copyElements()];
        int[][] er = ParticleRanges.split(copySrc.length, threads * 4);
        int[][] pr = ParticleRanges.split(n, threads * 4);
        double[] copy = new double[c.repetitions()];
        double[] combine = new double[c.repetitions()];
        for (int r = -1; r < c.repetitions(); r++) {
            long t0 = System.nanoTime();
            IntStream.range(0, er.length).parallel().forEach(q -> System.arraycopy(copySrc, er[q][0], copyDst,
                    er[q][0], er[q][1] - er[q][0]));
            long t1 = System.nanoTime();
            IntStream.range(0, pr.length).parallel()
                    .forEach(q -> CombineKernel.combine(n, d, pr[q][0], pr[q][1], 0.5, x, coefs, terms, x));
            long t2 = System.nanoTime();
            if (r >= 0) {
                copy[r] = (t1 - t0) * 1e-9;
                combine[r] = (t2 - t1) * 1e-9;
            }
        }
        rows.addAll(bandwidthRows("java", backend.device(), c, peakFlops, copy, combine));
        double bandwidth = rows.get(1).gbPerSecond() * BYTES_PER_GB;
        rows.add(stepRow("java", backend.device(), c, javaSteps(backend, c), peakFlops, bandwidth));
        backend.close();
        return rows;
    }

    /**
     * The device rows of backend {@code id} ({@code opencl} or {@code cuda}): the peak-FMA microkernel, copy and
     * combine ({@link KernelTimer}), the stage kernel and the step in fp64, and the step in fp32.
     */
    private static List<Row> runDevice(String id, Config c) {
        List<Row> rows = new ArrayList<>();
        try (DeviceBackend backend = Backends.device(id, c.device(), Precision.FP64)) {
            int vw = backend.vectorWidth();
            double[] peak;
            double[][] cc;
            double[] copy;
            try (DeviceSession session = backend.session(1)) {
                peak = KernelTimer.peakFma(session, c.repetitions());
                cc = KernelTimer.copyAndCombine(session, c.combineParticles(), c.dimension(), c.repetitions());
                copy = c.copyElements() == 0 ? cc[0] : KernelTimer.copy(session, c.copyElements(), c.repetitions());
            }
            rows.add(peakRow(id, backend.device(), KernelTimer.PEAK_WORK_ITEMS + " work-items x VW=" + vw,
                    KernelTimer.peakFlops(vw), peak));
            double peakFlops = KernelTimer.peakFlops(vw) / median(peak);
            rows.addAll(bandwidthRows(id, backend.device(), c, peakFlops, copy, cc[1]));
            double bandwidth = rows.get(1).gbPerSecond() * BYTES_PER_GB;
            double[] stage = new double[c.repetitions()];
            double[] perStep = deviceSteps(backend, c, stage);
            rows.add(stageRow(id, backend.device(), c, stage, peakFlops, bandwidth));
            rows.add(stepRow(id, backend.device(), c, perStep, peakFlops, bandwidth));
        }
        try (DeviceBackend fp32 = Backends.device(id, c.device(), Precision.FP32)) {
            double[] perStep = deviceSteps(fp32, c, null);
            double med = median(perStep);
            rows.add(new Row(id, fp32.device(), STEP_FP32, STEP_SAMPLER + " gmm n=" + c.stepParticles() + " d="
                    + c.dimension() + " K=" + c.components() + " fp32", med, Double.NaN, Double.NaN, Double.NaN,
                    c.stepParticles() / med, Double.NaN, Double.NaN, Double.NaN, perStep));
        }
        return rows;
    }

    /** The benchmark name of the fp32 step row. */
    static final String STEP_FP32 = "step32";

    private static double[] random(int len) {
        SplittableRandom rng = new SplittableRandom(len);
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = rng.nextDouble(-1, 1);
        }
        return a;
    }

    /** Plain entry point: {@code Benchmark [--json] [N]} prints the default benchmark (at N particles if given). */
    public static void main(String[] args) {
        boolean json = false;
        Config c = Config.defaults();
        for (String a : args) {
            if (a.equals("--json")) {
                json = true;
            } else {
                c = c.withParticles(Integer.parseInt(a));
            }
        }
        Result r = run(c);
        System.out.println(json ? r.json() : r.table());
    }
}
