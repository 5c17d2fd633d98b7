package difflab.exact;

import difflab.analysis.stats.GaussianKl;
import java.util.List;

/**
 * The exact Gaussian law p<sub>alg</sub> of a sampler's final particles on a Gaussian target, next to the target's
 * noised marginal q = p<sub>t0</sub> = N(α<sub>0</sub>μ, α<sub>0</sub>²Σ + σ<sub>0</sub>²I) at the grid's last time t<sub>0</sub> (the law an exact
 * solve of the reverse SDE/ODE from t<sub>T</sub> would give; on Li et al.'s schedule with the knot grid, q<sub>1</sub>).
 * Both share Σ's eigenbasis, so every KL is the sum of one-dimensional KLs over the eigen-directions (docs/ALGORITHMS.md §7.2;
 * the analysis module's {@link GaussianKl}):
 * <ul>
 * <li>{@link #klTargetToSampler()} = KL(q ‖ p<sub>alg</sub>), the direction the theory papers bound;</li>
 * <li>{@link #klSamplerToTarget()} = KL(p<sub>alg</sub> ‖ q).</li>
 * </ul>
 * Produced by {@link AffineLawPropagator}.
 */
public final class ExactGaussianLaw {

    /**
     * The law along one group of eigen-directions with eigenvalue λ: sampler output N(ψ·m<sub>k</sub> + χ·b<sub>k</sub>, v) and
     * target marginal N(α<sub>0</sub>·m<sub>k</sub>, v<sub>q</sub>) for each member direction k (m<sub>k</sub>, b<sub>k</sub>: the target mean and the
     * score bias in the eigenbasis).
     *
     * @param eigenvalue        λ
     * @param multiplicity      number of directions with this λ
     * @param sumSquaredMeans   Σ m<sub>k</sub>² over the group
     * @param sumMeanBias       Σ m<sub>k</sub>b<sub>k</sub> over the group
     * @param sumSquaredBias    Σ b<sub>k</sub>² over the group
     * @param meanFactor        ψ
     * @param biasFactor        χ
     * @param variance          v
     * @param targetMeanFactor  α<sub>0</sub>
     * @param targetVariance    v<sub>q</sub> = α<sub>0</sub>²λ + σ<sub>0</sub>²
     */
    public record GroupLaw(double eigenvalue, int multiplicity, double sumSquaredMeans, double sumMeanBias,
            double sumSquaredBias, double meanFactor, double biasFactor, double variance, double targetMeanFactor,
            double targetVariance) {

        /** Σ<sub>k</sub> (ψm<sub>k</sub> + χb<sub>k</sub> − α<sub>0</sub>m<sub>k</sub>)² over the group. */
        public double sumSquaredMeanErrors() {
            double dm = meanFactor - targetMeanFactor;
            return dm * dm * sumSquaredMeans + 2.0 * dm * biasFactor * sumMeanBias
                    + biasFactor * biasFactor * sumSquaredBias;
        }

        /** Σ<sub>k in group</sub> KL(N(α<sub>0</sub>m<sub>k</sub>, v<sub>q</sub>) ‖ N(ψm<sub>k</sub> + χb<sub>k</sub>, v)). */
        public double klTargetToSampler() {
            return multiplicity * GaussianKl.kl(0.0, targetVariance, 0.0, variance)
                    + 0.5 * sumSquaredMeanErrors() / variance;
        }

        /** Σ<sub>k in group</sub> KL(N(ψm<sub>k</sub> + χb<sub>k</sub>, v) ‖ N(α<sub>0</sub>m<sub>k</sub>, v<sub>q</sub>)). */
        public double klSamplerToTarget() {
            return multiplicity * GaussianKl.kl(0.0, variance, 0.0, targetVariance)
                    + 0.5 * sumSquaredMeanErrors() / targetVariance;
        }
    }

    private final String samplerId;
    private final EigenDirections directions;
    private final double[] biasCoordinates;
    private final List<GroupLaw> groups;

    ExactGaussianLaw(String samplerId, EigenDirections directions, double[] biasCoordinates, List<GroupLaw> groups) {
        this.samplerId = samplerId;
        this.directions = directions;
        this.biasCoordinates = biasCoordinates.clone();
        this.groups = List.copyOf(groups);
    }

    /** The sampler whose law this is. */
    public String samplerId() {
        return samplerId;
    }

    /** Dimension d. */
    public int dimension() {
        return directions.dimension;
    }

    /** One entry per distinct eigenvalue. */
    public List<GroupLaw> groups() {
        return groups;
    }

    /** KL(q ‖ p<sub>alg</sub>) against the noised marginal at t<sub>0</sub>. */
    public double klTargetToSampler() {
        double sum = 0;
        for (GroupLaw g : groups) {
            sum += g.klTargetToSampler();
        }
        return sum;
    }

    /** KL(p<sub>alg</sub> ‖ q) against the noised marginal at t<sub>0</sub>. */
    public double klSamplerToTarget() {
        double sum = 0;
        for (GroupLaw g : groups) {
            sum += g.klSamplerToTarget();
        }
        return sum;
    }

    /** The mean of the sampler's output, Σ<sub>k</sub> (ψ<sub>k</sub>m<sub>k</sub> + χ<sub>k</sub>b<sub>k</sub>)u<sub>k</sub>, in the target's coordinates. */
    public double[] mean() {
        int d = directions.dimension;
        double[] out = new double[d];
        for (int k = 0; k < d; k++) {
            GroupLaw g = groups.get(directions.groupOfDirection[k]);
            double value = g.meanFactor() * directions.meanCoordinates[k] + g.biasFactor() * biasCoordinates[k];
            if (directions.basis == null) {
                out[k] = value;
            } else {
                for (int r = 0; r < d; r++) {
                    out[r] += directions.basis[r * d + k] * value;
                }
            }
        }
        return out;
    }

    /** The per-coordinate variances of the sampler's output (the diagonal of {@link #covariance()}, O(d²) at most). */
    public double[] variances() {
        int d = directions.dimension;
        double[] out = new double[d];
        for (int k = 0; k < d; k++) {
            double v = groups.get(directions.groupOfDirection[k]).variance();
            if (directions.basis == null) {
                out[k] = v;
            } else {
                for (int r = 0; r < d; r++) {
                    double u = directions.basis[r * d + k];
                    out[r] += u * u * v;
                }
            }
        }
        return out;
    }

    /** The covariance U diag(v) Uᵀ of the sampler's output (d×d; for small d). */
    public double[][] covariance() {
        int d = directions.dimension;
        double[][] out = new double[d][d];
        for (int k = 0; k < d; k++) {
            double v = groups.get(directions.groupOfDirection[k]).variance();
            if (directions.basis == null) {
                out[k][k] = v;
                continue;
            }
            for (int r = 0; r < d; r++) {
                for (int s = 0; s < d; s++) {
                    out[r][s] += directions.basis[r * d + k] * v * directions.basis[s * d + k];
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "ExactGaussianLaw[" + samplerId + ", d=" + dimension() + ", groups=" + groups.size()
                + ", KL(q||p)=" + klTargetToSampler() + ", KL(p||q)=" + klSamplerToTarget() + "]";
    }
}
