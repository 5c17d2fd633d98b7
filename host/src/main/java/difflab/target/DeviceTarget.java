package difflab.target;

/**
 * A target in one of the families the device kernels evaluate (ARCHITECTURE "Kernels"), as flat parameter arrays.
 *
 * @param family     which denoiser kernel applies
 * @param dimension  d
 * @param components K (1 for a Gaussian)
 * @param logWeights log π<sub>c</sub>, length K
 * @param means      component-major means, {@code means[c*d + j]}
 * @param variances  K values (isotropic) or K·d values (diagonal; for a Gaussian, d values)
 */
public record DeviceTarget(Family family, int dimension, int components, double[] logWeights, double[] means,
        double[] variances) {

    /** The denoiser kernels. */
    public enum Family {
        GAUSSIAN_DIAGONAL,
        GMM_ISOTROPIC,
        GMM_DIAGONAL
    }

    public DeviceTarget {
        logWeights = logWeights.clone();
        means = means.clone();
        variances = variances.clone();
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
}
