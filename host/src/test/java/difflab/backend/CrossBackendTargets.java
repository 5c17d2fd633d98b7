package difflab.backend;

import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import difflab.target.PerturbedScoreTarget;
import difflab.target.Target;
import java.util.List;

/**
 * The targets the cross-backend and launch-signature tests run every sampler on: one per device kernel family
 * (diagonal and rotated Gaussian, isotropic and diagonal mixture) and the score perturbation on top of a rotated
 * Gaussian and an isotropic mixture.
 */
public final class CrossBackendTargets {
    /**
     * Score error size of the perturbed targets: large enough that the perturbation (σ²/α)·e moves the particles far
     * more than the agreement bounds, so a device kernel that dropped or garbled it fails the comparison.
     */
    public static final double SCORE_ERROR = 0.05;

    private CrossBackendTargets() {
    }

    /**
     * Every device family in dimension d (mixtures with k components), then the perturbed ones (seed fixes e). The
     * rotated Gaussians are the standard one, whose Householder basis is symmetric, and {@link #skewedGaussian}, whose
     * eigenvector matrix is not, so a kernel that read U transposed fails.
     */
    public static List<Target> all(int d, int k, long seed) {
        return List.of(GaussianTarget.standard(d, false), GaussianTarget.standard(d, true), skewedGaussian(d),
                GaussianMixtureTarget.standard(d, k, true), GaussianMixtureTarget.standard(d, k, false),
                PerturbedScoreTarget.of(skewedGaussian(d), SCORE_ERROR, seed),
                PerturbedScoreTarget.of(GaussianMixtureTarget.standard(d, k, true), SCORE_ERROR, seed));
    }

    /** N(μ, A·Aᵀ/d + 0.1·I) with A[r][c] = sin(r·d + c + 1): a full covariance with a non-symmetric eigenbasis. */
    public static GaussianTarget skewedGaussian(int d) {
        double[] mean = new double[d];
        double[][] cov = new double[d][d];
        for (int r = 0; r < d; r++) {
            mean[r] = 0.3 * Math.sin(r + 0.5);
            for (int c = 0; c < d; c++) {
                double sum = 0;
                for (int q = 0; q < d; q++) {
                    sum += Math.sin(r * d + q + 1.0) * Math.sin(c * d + q + 1.0);
                }
                cov[r][c] = sum / d + (r == c ? 0.1 : 0.0);
            }
        }
        return GaussianTarget.full(mean, cov);
    }

    /** The targets FORS's device kernel evaluates (no rotation, no perturbation). */
    public static List<Target> fors(int d, int k) {
        return List.of(GaussianTarget.standard(d, false), GaussianMixtureTarget.standard(d, k, true),
                GaussianMixtureTarget.standard(d, k, false));
    }
}
