package difflab.target;

import difflab.core.Particles;
import difflab.kernels.NormalNoiseKernel;
import difflab.kernels.ScorePerturbationKernel;
import java.util.Optional;
import org.apache.commons.math3.special.Erf;

/**
 * The score-error option of issue 2 §3: a target whose oracle is the exact one plus a deterministic smooth
 * perturbation of chosen L2 size η, for robustness studies (docs/ALGORITHMS.md §6.4: "with a deliberately perturbed score (error
 * η) the error saturates at ≈ η"; ε<sub>score</sub> of docs/ALGORITHMS.md §1.3). DERIVED (a construction of this project, not
 * from a paper).
 * <pre>
 *   s̃(x) = ∇log p_t(x) + e(x),      e_j(x) = η·sqrt(2/d)·sin(ω_j x_j + φ_j)
 *   D̃(x) = (x + σ²s̃)/α = D(x) + (σ²/α)·e(x)         ε̃(x) = −σ s̃ = ε(x) − σ·e(x)
 * </pre>
 * The same e is used at every t. The frequencies and phases are fixed by the seed through the Philox twin
 * ({@link NormalNoiseKernel#normal}, particle 0, step {@link TargetNoise#PERTURBATION_STEP}):
 * ω<sub>j</sub> = {@link #BASE_FREQUENCY}·(1 + Φ(z<sub>j</sub>)) ∈ (2π, 4π) from stream 0 and
 * φ<sub>j</sub> = 2π·Φ(z'<sub>j</sub>) ∈ (0, 2π) from stream 1, Φ the standard normal CDF.
 *
 * <p><b>What "L2 size η" means.</b> η is the root-mean-square of ‖e‖ over whole periods:
 * (1/|P|)∫<sub>P</sub> ‖e(x)‖² dx = η²·(2/d)·Σ<sub>j</sub> ½ = η² exactly, for P any box of one period in every
 * coordinate. Under a distribution p, E<sub>p</sub>‖e‖² = η²·(1 − (1/d)Σ<sub>j</sub> E cos(2ω<sub>j</sub>x<sub>j</sub> + 2φ<sub>j</sub>)); for
 * a coordinate with Gaussian law of standard deviation s the correction is at most e<sup>−2ω²s²</sup> ≤ e<sup>−8π²s²</sup>
 * (0.02 for s = 0.22, the smallest standard deviation of the standard test Gaussian), so the ℓ2 score error
 * sqrt(E<sub>p_t</sub>‖s̃ − ∇log p_t‖²) of docs/ALGORITHMS.md §1.3 is η to within a few percent whenever p<sub>t</sub> spreads over a
 * period (≥ 0.5) in every coordinate (PerturbedScoreTargetTest measures it). Pointwise ‖e(x)‖ ≤ √2·η, and e is
 * Lipschitz with constant ≤ η·sqrt(2/d)·max ω<sub>j</sub> &lt; 4π·sqrt(2/d)·η.
 *
 * <p>e is the gradient of Ψ(x) = −η·sqrt(2/d)·Σ<sub>j</sub> cos(ω<sub>j</sub>x<sub>j</sub> + φ<sub>j</sub>)/ω<sub>j</sub>, so the perturbed score is
 * still a gradient field: {@link #logDensity} returns log p<sub>t</sub>(x) + Ψ(x), an <em>unnormalised</em> log-density
 * whose gradient is s̃. {@link #sample}, {@link #mean} and {@link #covariance} are those of the unperturbed p<sub>0</sub>:
 * the perturbation models an imperfect score model, not a different data law. η = 0 returns the wrapped oracle bit
 * for bit. {@link #deviceTarget()} is the base's device target with the perturbation attached: the device backends
 * add it after the base family's stage kernel (kernel {@code score_perturb}, twin {@link ScorePerturbationKernel}).
 */
public final class PerturbedScoreTarget implements Target {
    /** The lowest frequency: ω<sub>j</sub> ∈ (BASE_FREQUENCY, 2·BASE_FREQUENCY), i.e. periods between ½ and 1. */
    public static final double BASE_FREQUENCY = 2.0 * Math.PI;
    private static final int FREQUENCY_STREAM = 0;
    private static final int PHASE_STREAM = 1;

    private final Target base;
    private final double eta;
    private final long seed;
    private final double amplitude;
    private final double[] frequencies;
    private final double[] phases;

    private PerturbedScoreTarget(Target base, double eta, long seed) {
        this.base = base;
        this.eta = eta;
        this.seed = seed;
        int d = base.dimension();
        this.amplitude = eta * Math.sqrt(2.0 / d);
        this.frequencies = new double[d];
        this.phases = new double[d];
        for (int j = 0; j < d; j++) {
            double u = standardNormalCdf(NormalNoiseKernel.normal(seed, 0L, TargetNoise.PERTURBATION_STEP,
                    FREQUENCY_STREAM, j));
            double v = standardNormalCdf(NormalNoiseKernel.normal(seed, 0L, TargetNoise.PERTURBATION_STEP,
                    PHASE_STREAM, j));
            frequencies[j] = BASE_FREQUENCY * (1.0 + u);
            phases[j] = 2.0 * Math.PI * v;
        }
    }

    /**
     * The target {@code base} with its score perturbed by e of L2 size {@code eta} (class comment).
     *
     * @throws IllegalArgumentException if eta is negative or not finite
     */
    public static PerturbedScoreTarget of(Target base, double eta, long seed) {
        if (base == null) {
            throw new IllegalArgumentException("base target is null; accepted: any Target");
        }
        if (!(eta >= 0 && Double.isFinite(eta))) {
            throw new IllegalArgumentException("score error size eta=" + eta + " is invalid; accepted: finite eta >= 0");
        }
        return new PerturbedScoreTarget(base, eta, seed);
    }

    private static double standardNormalCdf(double z) {
        return 0.5 * (1.0 + Erf.erf(z / Math.sqrt(2.0)));
    }

    /** The unperturbed target. */
    public Target base() {
        return base;
    }

    /** The L2 size η of the perturbation. */
    public double eta() {
        return eta;
    }

    /** The seed that fixes the frequencies and phases. */
    public long seed() {
        return seed;
    }

    /** ω<sub>j</sub>. */
    public double frequency(int j) {
        return frequencies[j];
    }

    /** φ<sub>j</sub>. */
    public double phase(int j) {
        return phases[j];
    }

    /** The score perturbation e(x) at one point. */
    public double[] perturbation(double[] point) {
        checkPoint(point);
        double[] e = new double[point.length];
        for (int j = 0; j < e.length; j++) {
            e[j] = amplitude * Math.sin(frequencies[j] * point[j] + phases[j]);
        }
        return e;
    }

    /** Ψ(x) = −η·sqrt(2/d)·Σ<sub>j</sub> cos(ω<sub>j</sub>x<sub>j</sub> + φ<sub>j</sub>)/ω<sub>j</sub>, whose gradient is e. */
    public double potential(double[] point) {
        checkPoint(point);
        double sum = 0;
        for (int j = 0; j < point.length; j++) {
            sum += Math.cos(frequencies[j] * point[j] + phases[j]) / frequencies[j];
        }
        return -amplitude * sum;
    }

    @Override
    public String id() {
        return base.id() + "+score-error(eta=" + eta + ",seed=" + seed + ")";
    }

    @Override
    public int dimension() {
        return base.dimension();
    }

    /**
     * D̃ = D + (σ²/α)·e(x). The perturbation is computed from x before the base denoiser runs, so {@code out} may
     * alias {@code x}; one scratch array per call.
     *
     * @throws IllegalArgumentException if η &gt; 0 and α ≤ 0 (the change σ²/α·e is undefined there)
     */
    @Override
    public void denoise(double alpha, double sigma, double[] x, int n, int from, int to, double[] out) {
        if (eta == 0.0) {
            base.denoise(alpha, sigma, x, n, from, to, out);
            return;
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha=" + alpha + " is invalid for a perturbed score: D changes by "
                    + "(sigma^2/alpha)*e; accepted: alpha > 0");
        }
        int d = base.dimension();
        int m = to - from;
        if (from < 0 || m < 0 || to > n || x.length != (long) n * d) {
            throw new IllegalArgumentException("particle range [" + from + ", " + to + ") of n=" + n + " in d=" + d
                    + " does not fit x of length " + x.length);
        }
        double scale = ScorePerturbationKernel.scale(alpha, sigma, amplitude);
        double[] shift = new double[d * m];
        ScorePerturbationKernel.shift(n, d, from, to, scale, frequencies, phases, x, shift);
        base.denoise(alpha, sigma, x, n, from, to, out);
        ScorePerturbationKernel.add(n, d, from, to, shift, out);
    }

    /** s̃ = ∇log p<sub>t</sub> + e, evaluated as the base score plus e (not through D̃, to avoid cancellation). */
    @Override
    public double[] score(double alpha, double sigma, double[] point) {
        double[] s = base.score(alpha, sigma, point);
        if (eta == 0.0) {
            return s;
        }
        double[] e = perturbation(point);
        for (int j = 0; j < s.length; j++) {
            s[j] += e[j];
        }
        return s;
    }

    /** log p<sub>t</sub>(x) + Ψ(x): unnormalised (class comment); its gradient is the perturbed score. */
    @Override
    public double logDensity(double alpha, double sigma, double[] point) {
        double logP = base.logDensity(alpha, sigma, point);
        return eta == 0.0 ? logP : logP + potential(point);
    }

    /** Exact samples of the unperturbed p<sub>0</sub>. */
    @Override
    public Particles sample(int n, long sampleSeed) {
        return base.sample(n, sampleSeed);
    }

    @Override
    public double[] mean() {
        return base.mean();
    }

    @Override
    public double[][] covariance() {
        return base.covariance();
    }

    /**
     * The base's device target with this perturbation (none when η = 0, as {@link #denoise} then is the base's);
     * empty when the base has no device kernel or is itself perturbed.
     */
    @Override
    public Optional<DeviceTarget> deviceTarget() {
        Optional<DeviceTarget> dt = base.deviceTarget();
        if (eta == 0.0 || dt.isEmpty()) {
            return dt;
        }
        if (dt.get().perturbation().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(dt.get().withPerturbation(new DeviceTarget.ScorePerturbation(amplitude, frequencies,
                phases)));
    }
}
