package difflab.target;

import difflab.core.Particles;
import java.util.Optional;

/**
 * A data distribution p<sub>0</sub> with exact oracles for its noised marginals p<sub>t</sub> under the VP forward process
 * x<sub>t</sub> = α x<sub>0</sub> + σ z (docs/ALGORITHMS.md §0.2, §7.1): log-density, score ∇log p<sub>t</sub>, denoiser
 * D = E[x<sub>0</sub> | x<sub>t</sub>] = (x + σ²∇log p<sub>t</sub>)/α (Tweedie) and noise prediction ε = −σ∇log p<sub>t</sub>. Every
 * error difflab reports is measured against these. Implementations are immutable and thread-safe.
 */
public interface Target {

    /** Identifier used in results, e.g. {@code gmm-iso(K=4,d=2)}. */
    String id();

    /** Dimension d. */
    int dimension();

    /**
     * Denoises particles {@code from..to-1} of a coordinate-major batch of n particles: out = D(x; α, σ).
     * This is the hot path; it must not allocate per particle.
     */
    void denoise(double alpha, double sigma, double[] x, int n, int from, int to, double[] out);

    /**
     * The denoiser at (α, σ) for repeated use within one stage; equal to {@link #denoise(double, double, double[],
     * int, int, int, double[])} element for element. Targets with per-stage tables compute them here once.
     */
    default StageDenoiser at(double alpha, double sigma) {
        return (x, n, from, to, out) -> denoise(alpha, sigma, x, n, from, to, out);
    }

    /** log p<sub>t</sub>(x) for one point, where p<sub>t</sub> is the law of α x<sub>0</sub> + σ z. */
    double logDensity(double alpha, double sigma, double[] point);

    /** D(x; α, σ) for one point. */
    default double[] denoise(double alpha, double sigma, double[] point) {
        double[] out = new double[point.length];
        checkPoint(point);
        denoise(alpha, sigma, point, 1, 0, 1, out);
        return out;
    }

    /** ∇log p<sub>t</sub>(x) = (α·D − x)/σ² for one point. */
    default double[] score(double alpha, double sigma, double[] point) {
        double[] d = denoise(alpha, sigma, point);
        double[] s = new double[point.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = (alpha * d[j] - point[j]) / (sigma * sigma);
        }
        return s;
    }

    /** ε = −σ∇log p<sub>t</sub>(x) for one point. */
    default double[] noisePrediction(double alpha, double sigma, double[] point) {
        double[] s = score(alpha, sigma, point);
        for (int j = 0; j < s.length; j++) {
            s[j] = -sigma * s[j];
        }
        return s;
    }

    /** n exact samples from p<sub>0</sub>, reproducible from the seed (Philox-keyed). */
    Particles sample(int n, long seed);

    /** The mean of p<sub>0</sub>. */
    double[] mean();

    /** The covariance of p<sub>0</sub> (d×d). */
    double[][] covariance();

    /** The parameters a device kernel needs, if this target belongs to a kernel family. */
    default Optional<DeviceTarget> deviceTarget() {
        return Optional.empty();
    }

    /** Throws if the point's dimension differs from the target's. */
    default void checkPoint(double[] point) {
        if (point.length != dimension()) {
            throw new IllegalArgumentException("point has dimension " + point.length + " but target " + id()
                    + " has dimension " + dimension());
        }
    }
}
