package difflab.sampler.ode;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.SamplingContext;
import difflab.schedule.NoiseSchedule;

/**
 * The two score-integrand forms of SciRE-Solver (Li, Chen, Zeng 2023, arXiv 2308.07896; docs/ALGORITHMS.md §5.1, VERIFIED from
 * the official {@code scire_solver.py}). Each is a linear ODE in its own state and time variable:
 * <pre>
 *  v1 (noise prediction): x̄ = x/α, ν = σ/α (the noise-to-signal ratio),   dx̄/dν = ε(α·x̄, t(ν))
 *  v2 (data prediction):  x̂ = x/σ, τ = α/σ = 1/ν,                        dx̂/dτ = D(σ·x̂, t(τ))
 * </pre>
 * The samplers run in VP coordinates x: they divide the state by the {@linkplain #scale scale} (α or σ) of the
 * step's start, combine in the rescaled variable, and multiply by the scale of the end point; every stage point
 * is rescaled back to VP (α·x̄ or σ·x̂) before the model is called (docs/ALGORITHMS.md §5.6 pitfall).
 */
public enum SciReVariant {
    /** Noise prediction: state x/α, time ν = σ/α, integrand ε. */
    V1("v1") {
        @Override
        public double time(SamplingContext c, int i) {
            return c.noiseToSignal(i);
        }

        @Override
        public double scale(SamplingContext c, int i) {
            return c.alpha(i);
        }

        @Override
        public Node node(NoiseSchedule schedule, double nu) {
            requirePositive(nu);
            double alpha = 1.0 / Math.sqrt(1.0 + nu * nu);
            double sigma = nu * alpha;
            return new Node(schedule.timeOfLambda(-Math.log(nu)), alpha, sigma, alpha);
        }

        @Override
        public LinearForm integrand(EvalRef ref, double alpha, double sigma) {
            return LinearForm.noisePrediction(ref, alpha, sigma);
        }
    },
    /** Data prediction: state x/σ, time τ = α/σ, integrand D. */
    V2("v2") {
        @Override
        public double time(SamplingContext c, int i) {
            return 1.0 / c.noiseToSignal(i);
        }

        @Override
        public double scale(SamplingContext c, int i) {
            return c.sigma(i);
        }

        @Override
        public Node node(NoiseSchedule schedule, double tau) {
            requirePositive(tau);
            double sigma = 1.0 / Math.sqrt(1.0 + tau * tau);
            double alpha = tau * sigma;
            return new Node(schedule.timeOfLambda(Math.log(tau)), alpha, sigma, sigma);
        }

        @Override
        public LinearForm integrand(EvalRef ref, double alpha, double sigma) {
            return LinearForm.model(ref);
        }
    };

    private final String id;

    SciReVariant(String id) {
        this.id = id;
    }

    /** "v1" or "v2", as in the official {@code algorithm_type} names {@code scire_v1}, {@code scire_v2}. */
    public String id() {
        return id;
    }

    /** The time variable (ν or τ) at grid point i. */
    public abstract double time(SamplingContext c, int i);

    /** The state scale (α or σ) at grid point i: x = scale·(rescaled state). */
    public abstract double scale(SamplingContext c, int i);

    /** The schedule time, α, σ and scale of the point whose time variable (ν or τ) has the given value. */
    public abstract Node node(NoiseSchedule schedule, double timeVariable);

    /** The integrand (ε or D) of evaluation {@code ref}, made at a point with the given α, σ. */
    public abstract LinearForm integrand(EvalRef ref, double alpha, double sigma);

    private static void requirePositive(double v) {
        if (!(v > 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException("SciRE stage time variable " + v + " is invalid; accepted: finite > 0");
        }
    }

    /**
     * An off-grid stage point.
     *
     * @param time  schedule time t
     * @param alpha α<sub>t</sub>
     * @param sigma σ<sub>t</sub>
     * @param scale α (v1) or σ (v2): the VP point is scale·(rescaled point)
     */
    public record Node(double time, double alpha, double sigma, double scale) {
    }
}
