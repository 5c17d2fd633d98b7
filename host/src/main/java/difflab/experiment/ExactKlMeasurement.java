package difflab.experiment;

import difflab.exact.AffineLawPropagator;
import difflab.exact.ExactGaussianLaw;
import difflab.exact.InitialLaw;
import difflab.exact.ScoreBias;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.registry.SamplerRegistry;
import difflab.target.GaussianTarget;
import difflab.target.Target;
import difflab.target.Targets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures one cell of an exact-KL experiment on a Gaussian target: the exact law of the sampler's output
 * ({@link AffineLawPropagator}, no particles) and its KL divergences against the noised marginal at t<sub>0</sub>.
 *
 * <p>Cell conventions:
 * <ul>
 * <li>targets {@code gaussian}, {@code gaussian-full} (the standard test Gaussians of {@link Targets}) and
 * {@code gaussian-iso}: N(0, v·I<sub>d</sub>) with v from the extra axis {@value #VARIANCE};</li>
 * <li>schedule {@code li} with {@code steps} = T: Li et al.'s chain X<sub>T</sub> → X<sub>1</sub>, i.e. the T − 1 steps of the
 * uniform-time grid on the schedule's knots n/T (the sampler's output is the law of X<sub>1</sub>, compared with q<sub>1</sub>);
 * other schedules: {@code steps} steps of the cell's grid from t<sub>T</sub> to the schedule's default t<sub>0</sub>;</li>
 * <li>extra {@value #INIT}: {@code prior} (x<sub>T</sub> ~ N(0, I), default) or {@code exact} (x<sub>T</sub> ~ p<sub>T</sub>);</li>
 * <li>extra {@value #SCORE_ERROR}: η ≥ 0, a constant score bias of ℓ2 size η spread evenly over the coordinates
 * ({@link ScoreBias#uniform}); default 0.</li>
 * </ul>
 * Metrics: {@code nfe}; {@code kl} = KL(q ‖ p<sub>alg</sub>) (the theory papers' direction); {@code kl_reverse} =
 * KL(p<sub>alg</sub> ‖ q); {@code kl_log_corrected} = kl / (ln steps)², which removes the polylog factor of Li et al.'s
 * schedule (KL ≈ C·d·ln²T/T² there).
 */
public final class ExactKlMeasurement {
    /** The metric columns this measurement returns. */
    public static final List<String> METRICS = List.of("nfe", "kl", "kl_reverse", "kl_log_corrected");
    /** Extra axis: the variance of {@code gaussian-iso}. */
    public static final String VARIANCE = "variance";
    /** Extra axis: the initial law. */
    public static final String INIT = "init";
    /** Extra axis: the size η of the constant score bias. */
    public static final String SCORE_ERROR = "score_error";
    /** The isotropic zero-mean Gaussian target family. */
    public static final String ISOTROPIC = "gaussian-iso";

    private ExactKlMeasurement() {
    }

    /** Runs the cell and returns {@link #METRICS}. */
    public static Map<String, Object> measure(Cell cell) {
        return measure(cell, context(cell));
    }

    /** Runs the cell on the given schedule and grid (for experiments with their own grid convention). */
    public static Map<String, Object> measure(Cell cell, SamplingContext ctx) {
        Sampler sampler = sampler(cell);
        GaussianTarget target = target(cell);
        double eta = Double.parseDouble(cell.extra(SCORE_ERROR, "0"));
        ExactGaussianLaw law = AffineLawPropagator.propagate(sampler, ctx, target, initialLaw(cell),
                ScoreBias.uniform(target.dimension(), eta));
        double log = Math.log(cell.steps());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nfe", sampler.totalEvaluations(ctx));
        m.put("kl", law.klTargetToSampler());
        m.put("kl_reverse", law.klSamplerToTarget());
        m.put("kl_log_corrected", law.klTargetToSampler() / (log * log));
        return m;
    }

    /** The registered sampler, in its order-study form when the cell's {@code lof} is "off". */
    static Sampler sampler(Cell cell) {
        Sampler registered = SamplerRegistry.byId(cell.sampler());
        return "off".equals(cell.extra("lof", "default")) ? registered.forOrderStudy() : registered;
    }

    /** The cell's Gaussian target. */
    static GaussianTarget target(Cell cell) {
        if (ISOTROPIC.equals(cell.target())) {
            double v = Double.parseDouble(cell.extra(VARIANCE, "1"));
            double[] variances = new double[cell.dimension()];
            java.util.Arrays.fill(variances, v);
            return GaussianTarget.diagonal(new double[cell.dimension()], variances);
        }
        Target t = Targets.byName(cell.target(), cell.dimension(), cell.components());
        if (!(t instanceof GaussianTarget g)) {
            throw new IllegalArgumentException("exact KL needs a Gaussian target, got '" + cell.target()
                    + "'; accepted: gaussian, gaussian-full, " + ISOTROPIC);
        }
        return g;
    }

    /** The cell's schedule and grid ({@link Cells#context}). */
    static SamplingContext context(Cell cell) {
        return Cells.context(cell);
    }

    static InitialLaw initialLaw(Cell cell) {
        String init = cell.extra(INIT, "prior");
        switch (init) {
            case "prior": return InitialLaw.PRIOR;
            case "exact": return InitialLaw.EXACT_MARGINAL;
            default:
                throw new IllegalArgumentException("initial law '" + init + "' is unknown; accepted: prior, exact");
        }
    }

    /** A Gaussian cell for this measurement ({@code particles} = 0: nothing is sampled). */
    static Cell cell(String sampler, String schedule, String grid, int steps, String target, int dimension) {
        return Cell.of(sampler, schedule, grid, steps, target, dimension, 1, 0, 0L);
    }

    /** Formats a number for Markdown tables. */
    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
