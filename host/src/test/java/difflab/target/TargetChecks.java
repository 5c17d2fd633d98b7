package difflab.target;

import difflab.core.Particles;
import difflab.kernels.NormalNoiseKernel;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Oracle checks shared by the target tests: finite-difference scores, Tweedie, exact-sample moments. */
final class TargetChecks {
    /** Step of the 5-point central difference (truncation ~h⁴, round-off ~ε|log p|/h). */
    static final double FD_STEP = 1e-3;
    /** Allowed |s − s_FD| / max(1, |s|). */
    static final double FD_TOLERANCE = 1e-8;
    /** Times (linear VP) at which the oracles are checked: nearly clean to pure noise. */
    static final double[] TIMES = {1e-3, 0.05, 0.3, 0.7, 1.0};
    static final int POINTS_PER_TIME = 6;
    /** Allowed |statistic − expected| in standard errors for exact samples. */
    static final double STANDARD_ERRORS = 5.0;
    static final NoiseSchedule SCHEDULE = LinearVpSchedule.standard();

    /** Worst measured values across calls, for the report. */
    static double worstScoreError;
    static double worstTweedieError;

    private TargetChecks() {
    }

    /** ∇log p by the 5-point central difference of {@link Target#logDensity}. */
    static double[] finiteDifferenceScore(Target target, double alpha, double sigma, double[] x) {
        double[] g = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double h = FD_STEP * Math.max(1.0, Math.abs(x[j]));
            double[] p = x.clone();
            p[j] = x[j] + 2 * h;
            double f2 = target.logDensity(alpha, sigma, p);
            p[j] = x[j] + h;
            double f1 = target.logDensity(alpha, sigma, p);
            p[j] = x[j] - h;
            double m1 = target.logDensity(alpha, sigma, p);
            p[j] = x[j] - 2 * h;
            double m2 = target.logDensity(alpha, sigma, p);
            g[j] = (-f2 + 8 * f1 - 8 * m1 + m2) / (12 * h);
        }
        return g;
    }

    /** Points x<sub>t</sub> = α x<sub>0</sub> + σ z with x<sub>0</sub> exact samples, plus one far point. */
    static double[][] points(Target target, double alpha, double sigma, long seed) {
        int d = target.dimension();
        Particles x0 = target.sample(POINTS_PER_TIME, seed);
        double[][] pts = new double[POINTS_PER_TIME + 1][d];
        for (int i = 0; i < POINTS_PER_TIME; i++) {
            for (int j = 0; j < d; j++) {
                pts[i][j] = alpha * x0.get(i, j) + sigma * NormalNoiseKernel.normal(seed, i, 7, 0, j);
            }
        }
        for (int j = 0; j < d; j++) {
            pts[POINTS_PER_TIME][j] = 3.0 * (j % 2 == 0 ? 1 : -1);
        }
        return pts;
    }

    /**
     * Score against finite differences of logDensity, denoiser against Tweedie D = (x + σ²s<sub>FD</sub>)/α, and
     * ε = −σ s, at every time in {@link #TIMES}.
     */
    static void oraclesAgreeWithFiniteDifferences(Target target) {
        int d = target.dimension();
        for (double t : TIMES) {
            double a = SCHEDULE.alpha(t);
            double s = SCHEDULE.sigma(t);
            for (double[] x : points(target, a, s, 11L + Double.hashCode(t))) {
                double[] fd = finiteDifferenceScore(target, a, s, x);
                double[] score = target.score(a, s, x);
                double[] den = target.denoise(a, s, x);
                double[] eps = target.noisePrediction(a, s, x);
                for (int j = 0; j < d; j++) {
                    double scale = Math.max(1.0, Math.abs(score[j]));
                    double err = Math.abs(score[j] - fd[j]) / scale;
                    worstScoreError = Math.max(worstScoreError, err);
                    assertTrue(err <= FD_TOLERANCE, target.id() + " score_" + j + " at t=" + t + ": " + score[j]
                            + " vs finite difference " + fd[j]);
                    // Tweedie from the finite-difference score; its error is (σ²/α)·(score error)
                    double tweedie = (x[j] + s * s * fd[j]) / a;
                    double tweedieErr = Math.abs(den[j] - tweedie) / (s * s / a * scale);
                    worstTweedieError = Math.max(worstTweedieError, tweedieErr);
                    assertTrue(tweedieErr <= FD_TOLERANCE, target.id() + " D_" + j + " at t=" + t + ": " + den[j]
                            + " vs Tweedie " + tweedie);
                    assertEquals(-s * score[j], eps[j], 1e-12 * Math.max(1.0, Math.abs(eps[j])));
                }
            }
        }
    }

    /** Mean and covariance of n exact samples within {@link #STANDARD_ERRORS} of mean()/covariance(). */
    static double sampleMomentsMatch(Target target, int n, long seed) {
        int d = target.dimension();
        Particles p = target.sample(n, seed);
        assertEquals(n, p.count());
        assertEquals(d, p.dimension());
        double[] mu = target.mean();
        double[][] cov = target.covariance();
        double[] m = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m[j] += p.get(i, j) / n;
            }
        }
        double worstZ = 0;
        for (int j = 0; j < d; j++) {
            double z = Math.abs(m[j] - mu[j]) / Math.sqrt(cov[j][j] / n);
            worstZ = Math.max(worstZ, z);
            assertTrue(z <= STANDARD_ERRORS, target.id() + " sample mean_" + j + "=" + m[j] + " vs " + mu[j]
                    + " (" + z + " standard errors)");
        }
        for (int r = 0; r < d; r++) {
            for (int c = 0; c <= r; c++) {
                double sum = 0;
                double sumSq = 0;
                for (int i = 0; i < n; i++) {
                    double v = (p.get(i, r) - m[r]) * (p.get(i, c) - m[c]);
                    sum += v;
                    sumSq += v * v;
                }
                double est = sum / n;
                double se = Math.sqrt((sumSq / n - est * est) / n);
                double z = Math.abs(est - cov[r][c]) / se;
                worstZ = Math.max(worstZ, z);
                assertTrue(z <= STANDARD_ERRORS, target.id() + " sample cov[" + r + "][" + c + "]=" + est + " vs "
                        + cov[r][c] + " (" + z + " standard errors)");
            }
        }
        assertEquals(p, target.sample(n, seed), "samples are reproducible from the seed");
        return worstZ;
    }
}
