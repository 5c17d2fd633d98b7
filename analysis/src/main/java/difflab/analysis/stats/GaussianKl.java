package difflab.analysis.stats;

import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;

/**
 * Kullback–Leibler divergence between Gaussians, in nats:
 * <pre>
 *   KL(N(m0, S0) ‖ N(m1, S1)) = ½ [ tr(S1⁻¹S0) + (m1 − m0)ᵀ S1⁻¹ (m1 − m0) − d + ln(det S1 / det S0) ]
 * </pre>
 * For diagonal covariances this is a sum over coordinates of
 * {@code ½[(r − 1) − ln r + (m1 − m0)²/v1]} with {@code r = v0/v1}, evaluated as
 * {@code (r − 1) − log1p(r − 1)} so that nearly equal variances do not cancel. For full matrices,
 * with Cholesky factors {@code S0 = L0·L0ᵀ}, {@code S1 = L1·L1ᵀ}: {@code tr(S1⁻¹S0) = ‖L1⁻¹L0‖²_F},
 * the quadratic form is {@code ‖L1⁻¹(m1 − m0)‖²} and
 * {@code ln det S = 2·Σ ln L_ii}; no inverse or determinant is formed. Its absolute rounding
 * error is of order {@code d·1e-16}.
 */
public final class GaussianKl {

    /** Largest relative asymmetry |S_ij − S_ji| / max(|S_ij|, |S_ji|) accepted in a covariance. */
    public static final double SYMMETRY_TOLERANCE = 1e-12;

    private GaussianKl() {
    }

    /** One-dimensional {@code KL(N(m0, v0) ‖ N(m1, v1))}; variances, not standard deviations. */
    public static double kl(double m0, double v0, double m1, double v1) {
        requireFinite("m0", m0);
        requireFinite("m1", m1);
        requirePositive("v0", v0);
        requirePositive("v1", v1);
        return coordinateTerm(m0, v0, m1, v1);
    }

    /**
     * KL between Gaussians with diagonal covariances {@code diag(v0)} and {@code diag(v1)}: the sum
     * of {@link #kl(double, double, double, double)} over coordinates.
     */
    public static double kl(double[] m0, double[] v0, double[] m1, double[] v1) {
        int d = requireSameLength(m0, v0, m1, v1);
        double total = 0;
        for (int i = 0; i < d; i++) {
            requireFinite("m0[" + i + "]", m0[i]);
            requireFinite("m1[" + i + "]", m1[i]);
            requirePositive("v0[" + i + "]", v0[i]);
            requirePositive("v1[" + i + "]", v1[i]);
            total += coordinateTerm(m0[i], v0[i], m1[i], v1[i]);
        }
        return total;
    }

    /** {@code ½[(r − 1) − ln r + (m1 − m0)²/v1]} with {@code r = v0/v1}; arguments already checked. */
    private static double coordinateTerm(double m0, double v0, double m1, double v1) {
        double ratioMinusOne = (v0 - v1) / v1;
        double shift = m1 - m0;
        return 0.5 * (ratioMinusOne - Math.log1p(ratioMinusOne) + shift * shift / v1);
    }

    /**
     * KL between Gaussians with full covariance matrices.
     *
     * @throws IllegalArgumentException if dimensions disagree, a value is not finite, or a matrix is
     *                                  not symmetric (within {@link #SYMMETRY_TOLERANCE}) positive definite
     */
    public static double kl(double[] m0, double[][] s0, double[] m1, double[][] s1) {
        Objects.requireNonNull(m0, "m0");
        Objects.requireNonNull(m1, "m1");
        int d = m0.length;
        if (m1.length != d) {
            throw new IllegalArgumentException("m0 has " + d + " coordinates but m1 has " + m1.length);
        }
        double[][] l0 = cholesky("s0", s0, d);
        double[][] l1 = cholesky("s1", s1, d);
        double trace = 0;
        double[] column = new double[d];
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < d; i++) {
                column[i] = l0[i][k];
            }
            trace += squaredNorm(forwardSubstitute(l1, column));
        }
        double[] shift = new double[d];
        for (int i = 0; i < d; i++) {
            requireFinite("m0[" + i + "]", m0[i]);
            requireFinite("m1[" + i + "]", m1[i]);
            shift[i] = m1[i] - m0[i];
        }
        double quadratic = squaredNorm(forwardSubstitute(l1, shift));
        double logDetRatio = 0;
        for (int i = 0; i < d; i++) {
            logDetRatio += 2 * (Math.log(l1[i][i]) - Math.log(l0[i][i]));
        }
        return 0.5 * (trace + quadratic - d + logDetRatio);
    }

    private static double[][] cholesky(String name, double[][] s, int d) {
        Objects.requireNonNull(s, name);
        if (s.length != d) {
            throw new IllegalArgumentException(name + " has " + s.length + " rows; the means have " + d + " coordinates");
        }
        for (int i = 0; i < d; i++) {
            if (s[i].length != d) {
                throw new IllegalArgumentException(name + "[" + i + "] has " + s[i].length + " entries; expected " + d);
            }
            for (int j = 0; j < d; j++) {
                requireFinite(name + "[" + i + "][" + j + "]", s[i][j]);
            }
        }
        try {
            return new CholeskyDecomposition(new Array2DRowRealMatrix(s), SYMMETRY_TOLERANCE, 0.0).getL().getData();
        } catch (NonSymmetricMatrixException | NonPositiveDefiniteMatrixException notSpd) {
            throw new IllegalArgumentException(name + " is not a symmetric positive definite covariance: "
                    + notSpd.getMessage(), notSpd);
        }
    }

    /** Solves {@code L·x = b} for lower-triangular {@code L}. */
    private static double[] forwardSubstitute(double[][] lower, double[] b) {
        double[] x = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            double sum = b[i];
            for (int j = 0; j < i; j++) {
                sum -= lower[i][j] * x[j];
            }
            x[i] = sum / lower[i][i];
        }
        return x;
    }

    private static double squaredNorm(double[] x) {
        double sum = 0;
        for (double value : x) {
            sum += value * value;
        }
        return sum;
    }

    private static int requireSameLength(double[] m0, double[] v0, double[] m1, double[] v1) {
        int d = Objects.requireNonNull(m0, "m0").length;
        if (Objects.requireNonNull(v0, "v0").length != d || Objects.requireNonNull(m1, "m1").length != d
                || Objects.requireNonNull(v1, "v1").length != d) {
            throw new IllegalArgumentException("m0, v0, m1, v1 must have the same length, got " + d + ", " + v0.length
                    + ", " + m1.length + ", " + v1.length);
        }
        return d;
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + " is not finite");
        }
    }

    private static void requirePositive(String name, double variance) {
        if (!(variance > 0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException(name + " = " + variance + " is not accepted; a variance must be finite "
                    + "and > 0");
        }
    }
}
