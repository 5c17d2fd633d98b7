package difflab.exact;

/**
 * An affine (constant) score error for exact propagation: the model's score is s̃<sub>t</sub>(x) = ∇log p<sub>t</sub>(x) + b
 * for every t and x, so its denoiser is D̃ = D + (σ²/α)·b (the convention of {@code PerturbedScoreTarget}, whose
 * perturbation is smooth but not affine). The ℓ2 score error of docs/ALGORITHMS.md §1.3 is exactly ‖b‖ under every law. Being
 * affine, it keeps a Gaussian target's sampler output Gaussian, so {@link AffineLawPropagator} gives the exact law with
 * the error included. DERIVED (a construction of this project).
 *
 * @param vector b (d entries)
 */
public record ScoreBias(double[] vector) {
    public ScoreBias {
        vector = vector.clone();
        for (int j = 0; j < vector.length; j++) {
            if (!Double.isFinite(vector[j])) {
                throw new IllegalArgumentException("score bias[" + j + "] = " + vector[j] + " is not finite");
            }
        }
    }

    /** No error. */
    public static ScoreBias none(int dimension) {
        return new ScoreBias(new double[dimension]);
    }

    /** b = (η/√d)·(1, …, 1): ℓ2 size η spread evenly over the coordinates. */
    public static ScoreBias uniform(int dimension, double eta) {
        if (dimension < 1 || !(eta >= 0 && Double.isFinite(eta))) {
            throw new IllegalArgumentException("uniform score bias needs dimension >= 1 and finite eta >= 0, got d="
                    + dimension + ", eta=" + eta);
        }
        double[] b = new double[dimension];
        java.util.Arrays.fill(b, eta / Math.sqrt(dimension));
        return new ScoreBias(b);
    }

    /** b (a copy). */
    @Override
    public double[] vector() {
        return vector.clone();
    }

    /** ‖b‖, the ℓ2 score error. */
    public double size() {
        double s = 0;
        for (double v : vector) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** D̃ = D + (σ²/α)·b for one point's denoised value, in place. */
    public void addTo(double alpha, double sigma, double[] denoised) {
        for (int j = 0; j < denoised.length; j++) {
            denoised[j] += sigma * sigma / alpha * vector[j];
        }
    }
}
