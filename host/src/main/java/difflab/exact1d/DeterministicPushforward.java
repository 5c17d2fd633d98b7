package difflab.exact1d;

import difflab.backend.java.JavaBackend;
import difflab.core.Particles;
import difflab.run.SamplingJob;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.target.Target;
import java.util.function.DoubleUnaryOperator;

/**
 * The exact 1-D evaluation of a deterministic sampler (any ODE solver, single- or multistep): its whole run is a
 * map x<sub>T</sub> ↦ F(x<sub>T</sub>), so the output density is the pushforward of the prior φ (N(0, 1) unless given),
 * p<sub>out</sub>(F(x)) = φ(x)/F'(x), and every distance to a reference density q is an integral over x<sub>T</sub>
 * (change of variables y = F(x), DERIVED):
 * <pre>
 *   TV        = ½ ∫ |φ(x) − q(F(x))·F'(x)| dx
 *   KL(q‖p)   = ∫ q(F)F' · log( q(F)F' / φ ) dx
 *   KL(p‖q)   = ∫ φ · log( φ / (q(F)F') ) dx
 * </pre>
 * (the KLs summed in the generalised form of {@link GridDensity}).
 * F is the sampler itself, run on the java backend with the grid points as particles; F' is the fourth-order
 * central difference (8(F(x+ε) − F(x−ε)) − (F(x+2ε) − F(x−2ε)))/(12ε), ε = {@value #DIFFERENCE_STEP} (truncation
 * ~ε⁴, rounding ~1e-16/ε). The trapezoid rule on the x<sub>T</sub> grid integrates these smooth functions
 * spectrally. F must be increasing (it is for any consistent flow in 1-D).
 */
public final class DeterministicPushforward {
    /** Step ε of the finite-difference derivative. */
    public static final double DIFFERENCE_STEP = 1e-3;

    private DeterministicPushforward() {
    }

    /**
     * The distances and bookkeeping.
     *
     * @param error       TV and KL against the reference
     * @param coveredMass ∫q over F's image of the grid (≈ 1 when the grid covers the reference's support)
     * @param evaluations NFE of the run
     * @param minSlope    min F' over the grid
     */
    public record Result(DensityError error, double coveredMass, int evaluations, double minSlope) {
    }

    /**
     * Evaluates the sampler, run with the model {@code target}, against the reference density q = law of
     * α·x<sub>0</sub> + σ·z of the same target (α = 1, σ = 0: the data density p<sub>0</sub>).
     *
     * @throws IllegalArgumentException if the sampler is stochastic or the target not 1-D
     * @throws IllegalStateException    if F is not increasing on the grid
     */
    public static Result evaluate(Sampler sampler, SamplingContext context, Target target, Grid1d priorGrid,
            double referenceAlpha, double referenceSigma) {
        return evaluate(sampler, context, target, target, priorGrid, referenceAlpha, referenceSigma);
    }

    /**
     * As {@link #evaluate(Sampler, SamplingContext, Target, Grid1d, double, double)}, with the sampler's model
     * (e.g. a {@link difflab.target.PerturbedScoreTarget}) and the reference target given separately.
     */
    public static Result evaluate(Sampler sampler, SamplingContext context, Target model, Target reference,
            Grid1d priorGrid, double referenceAlpha, double referenceSigma) {
        return evaluate(sampler, context, model, reference, priorGrid, STANDARD_NORMAL_LOG_DENSITY, referenceAlpha,
                referenceSigma);
    }

    /** log N(x; 0, 1), the prior of x<sub>T</sub> (docs/ALGORITHMS.md §7.6). */
    public static final DoubleUnaryOperator STANDARD_NORMAL_LOG_DENSITY = x -> -0.5 * x * x
            - 0.5 * Math.log(2 * Math.PI);

    /**
     * The general form: the run starts from the density exp(priorLogDensity) instead of N(0, 1) (e.g. the exact
     * q<sub>T</sub>, to measure discretisation error alone).
     */
    public static Result evaluate(Sampler sampler, SamplingContext context, Target model, Target reference,
            Grid1d priorGrid, DoubleUnaryOperator priorLogDensity, double referenceAlpha, double referenceSigma) {
        GridDensity.requireOneDimensional(model);
        GridDensity.requireOneDimensional(reference);
        Target target = model;
        if (sampler.stochastic()) {
            throw new IllegalArgumentException("sampler " + sampler.id()
                    + " is stochastic; accepted: deterministic samplers (use DensityPropagation.stochastic)");
        }
        int n = priorGrid.points();
        double[] x = priorGrid.coordinates();
        double[] offsets = {0, DIFFERENCE_STEP, -DIFFERENCE_STEP, 2 * DIFFERENCE_STEP, -2 * DIFFERENCE_STEP};
        double[] all = new double[n * offsets.length];
        for (int o = 0; o < offsets.length; o++) {
            for (int i = 0; i < n; i++) {
                all[o * n + i] = x[i] + offsets[o];
            }
        }
        Particles start = Particles.of(all.length, 1, all);
        Particles end = new JavaBackend().sample(new SamplingJob(sampler, context, target, start, 0L)).particles();
        double h = priorGrid.spacing();
        double tv = 0;
        double klQp = 0;
        double klPq = 0;
        double covered = 0;
        double minSlope = Double.POSITIVE_INFINITY;
        double[] point = new double[1];
        for (int i = 0; i < n; i++) {
            double f = end.get(i, 0);
            double slope = (8.0 * (end.get(n + i, 0) - end.get(2 * n + i, 0))
                    - (end.get(3 * n + i, 0) - end.get(4 * n + i, 0))) / (12.0 * DIFFERENCE_STEP);
            minSlope = Math.min(minSlope, slope);
            if (!(slope > 0)) {
                throw new IllegalStateException("sampler " + sampler.id() + " is not increasing at x_T=" + x[i]
                        + " (F'=" + slope + "); the pushforward formula needs a monotone map");
            }
            point[0] = f;
            double logQ = reference.logDensity(referenceAlpha, referenceSigma, point) + Math.log(slope);
            double logPhi = priorLogDensity.applyAsDouble(x[i]);
            double qf = Math.exp(logQ);
            double phi = Math.exp(logPhi);
            tv += Math.abs(phi - qf);
            covered += qf;
            klQp += GridDensity.klTerm(qf, phi);
            klPq += GridDensity.klTerm(phi, qf);
        }
        return new Result(new DensityError(0.5 * h * tv, h * klQp, h * klPq), h * covered,
                sampler.totalEvaluations(context), minSlope);
    }
}
