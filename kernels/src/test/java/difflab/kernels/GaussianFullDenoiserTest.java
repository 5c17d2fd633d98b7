package difflab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The full-covariance Gaussian denoiser against the posterior mean written independently with the covariance
 * matrix, {@code D = μ + αΣ(α²Σ + σ²I)⁻¹(x − αμ)} (solved by Gaussian elimination), and against the diagonal twin
 * when the basis is the identity.
 */
class GaussianFullDenoiserTest {
    static final int D = 4;
    static final int N = 7;
    static final double ALPHA = 0.7;
    static final double SIGMA = 0.9;

    final SplittableRandom rng = new SplittableRandom(7);

    /** A random orthonormal basis (Gram–Schmidt on random columns), row-major with the vectors as columns. */
    double[] randomBasis() {
        double[][] cols = new double[D][D];
        for (int k = 0; k < D; k++) {
            for (int r = 0; r < D; r++) {
                cols[k][r] = rng.nextDouble(-1, 1);
            }
            for (int q = 0; q < k; q++) {
                double dot = 0;
                for (int r = 0; r < D; r++) {
                    dot += cols[k][r] * cols[q][r];
                }
                for (int r = 0; r < D; r++) {
                    cols[k][r] -= dot * cols[q][r];
                }
            }
            double norm = 0;
            for (int r = 0; r < D; r++) {
                norm += cols[k][r] * cols[k][r];
            }
            for (int r = 0; r < D; r++) {
                cols[k][r] /= Math.sqrt(norm);
            }
        }
        double[] basis = new double[D * D];
        for (int r = 0; r < D; r++) {
            for (int k = 0; k < D; k++) {
                basis[r * D + k] = cols[k][r];
            }
        }
        return basis;
    }

    /** μ + αΣ(α²Σ + σ²I)⁻¹(x − αμ) for one point, with Σ = U diag(λ) Uᵀ formed explicitly. */
    static double[] posteriorMean(double[] mean, double[] lambda, double[] basis, double[] x) {
        double[][] cov = new double[D][D];
        for (int r = 0; r < D; r++) {
            for (int s = 0; s < D; s++) {
                for (int k = 0; k < D; k++) {
                    cov[r][s] += basis[r * D + k] * lambda[k] * basis[s * D + k];
                }
            }
        }
        double[][] a = new double[D][D + 1];
        for (int r = 0; r < D; r++) {
            for (int s = 0; s < D; s++) {
                a[r][s] = ALPHA * ALPHA * cov[r][s] + (r == s ? SIGMA * SIGMA : 0.0);
            }
            a[r][D] = x[r] - ALPHA * mean[r];
        }
        for (int c = 0; c < D; c++) {
            int piv = c;
            for (int r = c + 1; r < D; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = 0; r < D; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int s = c; s <= D; s++) {
                        a[r][s] -= f * a[c][s];
                    }
                }
            }
        }
        double[] sol = new double[D];
        for (int r = 0; r < D; r++) {
            sol[r] = a[r][D] / a[r][r];
        }
        double[] out = new double[D];
        for (int r = 0; r < D; r++) {
            double s = 0;
            for (int q = 0; q < D; q++) {
                s += cov[r][q] * sol[q];
            }
            out[r] = mean[r] + ALPHA * s;
        }
        return out;
    }

    @Test
    void matchesThePosteriorMeanOfTheCovarianceMatrix() {
        double[] basis = randomBasis();
        double[] mean = new double[D];
        double[] lambda = new double[D];
        for (int j = 0; j < D; j++) {
            mean[j] = rng.nextDouble(-1, 1);
            lambda[j] = 0.05 + 2 * rng.nextDouble();
        }
        double[] x = new double[N * D];
        for (int e = 0; e < x.length; e++) {
            x[e] = rng.nextDouble(-3, 3);
        }
        double[] out = new double[N * D];
        GaussianFullDenoiser.denoise(N, D, 0, N, ALPHA, SIGMA, mean, lambda, basis, x, out);
        for (int i = 0; i < N; i++) {
            double[] point = new double[D];
            for (int j = 0; j < D; j++) {
                point[j] = x[j * N + i];
            }
            double[] expected = posteriorMean(mean, lambda, basis, point);
            for (int j = 0; j < D; j++) {
                assertEquals(expected[j], out[j * N + i], 1e-13, "particle " + i + " coordinate " + j);
            }
        }
    }

    @Test
    void identityBasisEqualsTheDiagonalTwinAndInPlaceEqualsOutOfPlace() {
        double[] identity = new double[D * D];
        for (int j = 0; j < D; j++) {
            identity[j * D + j] = 1.0;
        }
        double[] mean = {0.3, -0.2, 0.1, 0.9};
        double[] lambda = {0.05, 0.4, 1.0, 2.0};
        double[] x = new double[N * D];
        for (int e = 0; e < x.length; e++) {
            x[e] = rng.nextDouble(-3, 3);
        }
        double[] full = new double[N * D];
        double[] diag = new double[N * D];
        GaussianFullDenoiser.denoise(N, D, 0, N, ALPHA, SIGMA, mean, lambda, identity, x, full);
        GaussianDiagDenoiser.denoise(N, D, 0, N, ALPHA, SIGMA, mean, lambda, x, diag);
        assertArrayEquals(diag, full);
        double[] basis = randomBasis();
        double[] outOfPlace = new double[N * D];
        GaussianFullDenoiser.denoise(N, D, 2, 5, ALPHA, SIGMA, mean, lambda, basis, x, outOfPlace);
        double[] inPlace = x.clone();
        GaussianFullDenoiser.denoise(N, D, 2, 5, ALPHA, SIGMA, mean, lambda, basis, inPlace, inPlace);
        for (int j = 0; j < D; j++) {
            for (int i = 0; i < N; i++) {
                int e = j * N + i;
                assertEquals(i >= 2 && i < 5 ? outOfPlace[e] : x[e], inPlace[e], 0.0, "element " + e);
            }
        }
    }

    @Test
    void shortBasisIsRefused() {
        double[] x = new double[N * D];
        assertThrows(IllegalArgumentException.class, () -> GaussianFullDenoiser.denoise(N, D, 0, N, ALPHA, SIGMA,
                new double[D], new double[] {1, 1, 1, 1}, new double[D * D - 1], x, x.clone()));
    }
}
