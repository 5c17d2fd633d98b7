package difflab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The score perturbation twin: D + (σ²/α)·η·sqrt(2/d)·sin(ω_j p_j + φ_j), element by element. */
class ScorePerturbationKernelTest {

    @Test
    void addsTheTweedieShiftOfTheSinePerturbation() {
        int n = 5;
        int d = 3;
        double alpha = 0.6;
        double sigma = 0.8;
        double eta = 0.3;
        double amplitude = eta * Math.sqrt(2.0 / d);
        double[] w = {7.0, 9.5, 11.0};
        double[] phi = {0.1, 2.0, 4.0};
        double[] x = new double[n * d];
        double[] out = new double[n * d];
        for (int e = 0; e < x.length; e++) {
            x[e] = 0.37 * e - 1.0;
            out[e] = 0.01 * e;
        }
        double[] before = out.clone();
        double scale = ScorePerturbationKernel.scale(alpha, sigma, amplitude);
        assertEquals(sigma * sigma / alpha * amplitude, scale, 0.0);
        int from = 1;
        int to = 4;
        double[] shift = new double[(to - from) * d];
        ScorePerturbationKernel.shift(n, d, from, to, scale, w, phi, x, shift);
        ScorePerturbationKernel.add(n, d, from, to, shift, out);
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                int e = j * n + i;
                double expected = i >= from && i < to
                        ? before[e] + (sigma * sigma / alpha) * amplitude * Math.sin(w[j] * x[e] + phi[j]) : before[e];
                assertEquals(expected, out[e], 1e-15, "particle " + i + " coordinate " + j);
            }
        }
    }
}
