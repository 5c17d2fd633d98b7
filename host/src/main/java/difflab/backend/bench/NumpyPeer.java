package difflab.backend.bench;

import difflab.core.Precision;
import difflab.run.SamplingJob;
import difflab.sampler.Combination;
import difflab.sampler.RunProgram;
import difflab.sampler.Stage;
import difflab.sampler.StepProgram;
import difflab.sampler.Term;
import difflab.target.DeviceTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numpy peer of the step benchmark ({@value Benchmark#PEER_SCRIPT}): the benchmark writes its job's target and
 * every step's coefficient program to a JSON spec, so the peer runs the same target with the same coefficients,
 * and times the script's own step loop in a child process ({@code python3}, or {@code $DIFFLAB_PYTHON}).
 */
final class NumpyPeer {
    private static final Pattern MEDIAN = Pattern.compile("\"medianSecondsPerStep\":\\s*([0-9.eE+-]+)");
    private static final Pattern SAMPLES = Pattern.compile("\"samples\":\\s*\\[([^]]*)]");
    private static final Pattern VERSION = Pattern.compile("\"numpy\":\\s*\"([^\"]*)\"");
    private static final long TIMEOUT_MINUTES = 60;

    private NumpyPeer() {
    }

    /** Runs the peer on the job's size and returns its step row (backend {@code numpy}). */
    static Benchmark.Row stepRow(Benchmark.Config c, SamplingJob job) {
        Path root = Path.of(System.getProperty("difflab.root", ".")).toAbsolutePath().normalize();
        Path script = root.resolve(Benchmark.PEER_SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException("--numpy needs the peer script " + script + " (run from the repository)");
        }
        String python = System.getenv().getOrDefault("DIFFLAB_PYTHON", "python3");
        try {
            Path spec = Files.createTempFile("difflab-peer", ".json");
            try {
                Files.writeString(spec, spec(job), StandardCharsets.UTF_8);
                Process p = new ProcessBuilder(python, script.toString(), spec.toString(),
                        Integer.toString(c.stepParticles()), Integer.toString(c.repetitions()))
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new IllegalStateException("numpy peer failed (" + python + " " + script + "): " + out);
                }
                Matcher m = MEDIAN.matcher(out);
                Matcher s = SAMPLES.matcher(out);
                Matcher v = VERSION.matcher(out);
                if (!m.find() || !s.find()) {
                    throw new IllegalStateException("numpy peer printed no timing: " + out);
                }
                String[] parts = s.group(1).split(",");
                double[] samples = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    samples[i] = Double.parseDouble(parts[i].trim());
                }
                double med = Double.parseDouble(m.group(1));
                StepRoofline model = new StepRoofline(c.dimension(), c.components(), Precision.FP64);
                double rate = c.stepParticles() / med;
                return new Benchmark.Row("numpy", "numpy " + (v.find() ? v.group(1) : "?") + " (" + python + ", "
                        + Benchmark.PEER_SCRIPT + ")", "step", Benchmark.STEP_SAMPLER + " gmm n=" + c.stepParticles()
                        + " d=" + c.dimension() + " K=" + c.components(), med, Double.NaN,
                        rate * model.flopsPerParticleStep() / 1e9, Double.NaN, rate, model.flopsPerParticleStep(),
                        model.bytesPerParticleStep(), Double.NaN, samples);
            } finally {
                Files.deleteIfExists(spec);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the numpy peer " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the numpy peer ran", e);
        }
    }

    /**
     * The JSON spec: {@code target} (log-weights, means K×d, isotropic variances) and {@code steps}, each with its
     * stages (α, σ, input combination) and output combination; a combination is {@code a} and {@code models}, a
     * list of [steps back, stage, coefficient].
     */
    static String spec(SamplingJob job) {
        DeviceTarget t = job.target().deviceTarget().orElseThrow();
        if (t.family() != DeviceTarget.Family.GMM_ISOTROPIC) {
            throw new IllegalArgumentException("the numpy peer runs isotropic mixtures only, not " + t.family());
        }
        int d = t.dimension();
        StringBuilder sb = new StringBuilder("{\"target\":{\"logWeights\":").append(array(t.logWeights()))
                .append(",\"variances\":").append(array(t.variances())).append(",\"means\":[");
        for (int c = 0; c < t.components(); c++) {
            double[] mu = new double[d];
            System.arraycopy(t.means(), c * d, mu, 0, d);
            sb.append(c > 0 ? "," : "").append(array(mu));
        }
        sb.append("]},\"steps\":[");
        RunProgram run = RunProgram.of(job.sampler(), job.context());
        for (int i = 0; i < run.size(); i++) {
            StepProgram p = run.step(i);
            sb.append(i > 0 ? "," : "").append("{\"historyDepth\":").append(run.historyDepthOf(i))
                    .append(",\"stages\":[");
            List<Stage> stages = p.stages();
            for (int k = 0; k < stages.size(); k++) {
                Stage st = stages.get(k);
                sb.append(k > 0 ? "," : "").append("{\"alpha\":").append(num(st.alpha())).append(",\"sigma\":")
                        .append(num(st.sigma())).append(",\"input\":").append(combination(st.input(), run, i)).append('}');
            }
            sb.append("],\"output\":").append(combination(p.output(), run, i)).append('}');
        }
        return sb.append("]}").toString();
    }

    /** A combination with each model term located as [steps back, stage, coefficient] from step {@code step}. */
    private static String combination(Combination c, RunProgram run, int step) {
        List<String> models = new ArrayList<>();
        for (int k = 0; k < c.terms().size(); k++) {
            if (!(c.terms().get(k) instanceof Term.Model m)) {
                throw new IllegalArgumentException("the numpy peer supports model terms only, not " + c.terms().get(k));
            }
            models.add("[" + run.stepsBack(step, m.ref()) + "," + run.stage(m.ref()) + "," + num(c.coefficient(k)) + "]");
        }
        return "{\"a\":" + num(c.stateCoefficient()) + ",\"models\":[" + String.join(",", models) + "]}";
    }

    private static String array(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? "," : "").append(num(v[i]));
        }
        return sb.append(']').toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }
}
