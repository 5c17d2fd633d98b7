package difflab.target;

import java.util.Optional;

/**
 * A target in one of the families the device kernels evaluate (ARCHITECTURE "Kernels"), as flat parameter arrays.
 *
 * @param family       which denoiser kernel applies
 * @param dimension    d
 * @param components   K (1 for a Gaussian)
 * @param logWeights   log π<sub>c</sub>, length K
 * @param means        component-major means, {@code means[c*d + j]}
 * @param variances    K values (isotropic) or K·d values (diagonal; for a Gaussian, d values; for
 *                     {@link Family#GAUSSIAN_FULL}, the d eigenvalues of Σ)
 * @param basis        {@link Family#GAUSSIAN_FULL} only (else empty): the eigenvectors of Σ as columns, row-major d×d,
 *                     {@code basis[r*d + k] = U[r][k]}
 * @param perturbation the score perturbation added to the family's denoiser ({@link PerturbedScoreTarget}), if any
 */
public record DeviceTarget(Family family, int dimension, int components, double[] logWeights, double[] means,
        double[] variances, double[] basis, Optional<ScorePerturbation> perturbation) {

    /** The denoiser kernels. */
    public enum Family {
        GAUSSIAN_DIAGONAL,
        /** A rotated Gaussian N(μ, U diag(λ) Uᵀ): kernel {@code stage_gauss_full}. */
        GAUSSIAN_FULL,
        GMM_ISOTROPIC,
        GMM_DIAGONAL
    }

    /**
     * The smooth score perturbation e<sub>j</sub>(x) = amplitude·sin(ω<sub>j</sub>x<sub>j</sub> + φ<sub>j</sub>) of
     * {@link PerturbedScoreTarget} (amplitude = η·sqrt(2/d)); kernel {@code score_perturb}.
     */
    public record ScorePerturbation(double amplitude, double[] frequencies, double[] phases) {
        public ScorePerturbation {
            frequencies = frequencies.clone();
            phases = phases.clone();
        }

        @Override
        public double[] frequencies() {
            return frequencies.clone();
        }

        @Override
        public double[] phases() {
            return phases.clone();
        }
    }

    public DeviceTarget {
        logWeights = logWeights.clone();
        means = means.clone();
        variances = variances.clone();
        basis = basis.clone();
        if ((family == Family.GAUSSIAN_FULL) != (basis.length > 0)) {
            throw new IllegalArgumentException("family " + family + " with a basis of " + basis.length
                    + " values; accepted: a d*d basis exactly for GAUSSIAN_FULL");
        }
        if (family == Family.GAUSSIAN_FULL && basis.length != dimension * dimension) {
            throw new IllegalArgumentException("basis has " + basis.length + " values; accepted: d*d = "
                    + dimension * dimension);
        }
    }

    /** A target of an unrotated family without perturbation. */
    public DeviceTarget(Family family, int dimension, int components, double[] logWeights, double[] means,
            double[] variances) {
        this(family, dimension, components, logWeights, means, variances, new double[0], Optional.empty());
    }

    /** N(μ, U diag(λ) Uᵀ) with the basis row-major, {@code basis[r*d + k] = U[r][k]}. */
    public static DeviceTarget gaussianFull(double[] mean, double[] eigenvalues, double[] basis) {
        return new DeviceTarget(Family.GAUSSIAN_FULL, mean.length, 1, new double[] {0.0}, mean, eigenvalues, basis,
                Optional.empty());
    }

    /** This target with its score perturbed by {@code p}. */
    public DeviceTarget withPerturbation(ScorePerturbation p) {
        return new DeviceTarget(family, dimension, components, logWeights, means, variances, basis, Optional.of(p));
    }

    /** Whether the family is a single Gaussian (diagonal or full): its table is the d gains. */
    public boolean gaussian() {
        return family == Family.GAUSSIAN_DIAGONAL || family == Family.GAUSSIAN_FULL;
    }

    @Override
    public double[] logWeights() {
        return logWeights.clone();
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] variances() {
        return variances.clone();
    }

    @Override
    public double[] basis() {
        return basis.clone();
    }
}
