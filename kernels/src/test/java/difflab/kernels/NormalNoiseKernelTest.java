package difflab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormalNoiseKernelTest {

    static final long SEED = 0x0123_4567_89AB_CDEFL;

    @Test
    void momentsOfStandardNormal() {
        int n = 20000;
        int d = 5;
        double[] z = new double[n * d];
        NormalNoiseKernel.fill(n, d, 0, n, SEED, 0, 3, 0, z);
        double mean = Reductions.sum(z, 0, z.length) / z.length;
        double var = Reductions.sumOfSquares(z, 0, z.length) / z.length - mean * mean;
        double m4 = 0;
        for (double v : z) {
            m4 += v * v * v * v;
        }
        m4 /= z.length;
        // 1e5 samples: standard errors are 0.0032 (mean), 0.0045 (variance), 0.033 (4th moment);
        // the bounds are about 5 standard errors.
        assertEquals(0.0, mean, 0.016);
        assertEquals(1.0, var, 0.023);
        assertEquals(3.0, m4, 0.17);
        // neighbouring coordinates of one block (cos and sin of one angle) are uncorrelated
        double cross = 0;
        for (int i = 0; i < n; i++) {
            cross += z[i] * z[n + i];
        }
        assertEquals(0.0, cross / n, 0.035);
    }

    @Test
    void chunkedFillEqualsWholeFill() {
        int n = 37;
        int d = 7;
        double[] whole = new double[n * d];
        NormalNoiseKernel.fill(n, d, 0, n, SEED, 0, 11, 2, whole);
        double[] chunked = new double[n * d];
        NormalNoiseKernel.fill(n, d, 0, 10, SEED, 0, 11, 2, chunked);
        NormalNoiseKernel.fill(n, d, 10, 23, SEED, 0, 11, 2, chunked);
        NormalNoiseKernel.fill(n, d, 23, n, SEED, 0, 11, 2, chunked);
        assertArrayEquals(whole, chunked);
        // a separate batch holding particles 10..22 with particleOffset 10 gives the same numbers
        int m = 13;
        double[] batch = new double[m * d];
        NormalNoiseKernel.fill(m, d, 0, m, SEED, 10, 11, 2, batch);
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < m; i++) {
                assertEquals(whole[j * n + 10 + i], batch[j * m + i], 0.0);
            }
        }
    }

    @Test
    void singleNormalMatchesFillAndInputsSeparateStreams() {
        int n = 4;
        int d = 3;
        double[] z = new double[n * d];
        NormalNoiseKernel.fill(n, d, 0, n, SEED, 100, NoiseLayout.INITIAL_NOISE_STEP, 0, z);
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                assertEquals(z[j * n + i],
                        NormalNoiseKernel.normal(SEED, 100 + i, NoiseLayout.INITIAL_NOISE_STEP, 0, j), 0.0);
            }
        }
        double base = NormalNoiseKernel.normal(SEED, 5, 1, 0, 0);
        assertNotEquals(base, NormalNoiseKernel.normal(SEED + 1, 5, 1, 0, 0));
        assertNotEquals(base, NormalNoiseKernel.normal(SEED, 6, 1, 0, 0));
        assertNotEquals(base, NormalNoiseKernel.normal(SEED, 5, 2, 0, 0));
        assertNotEquals(base, NormalNoiseKernel.normal(SEED, 5, 1, 1, 0));
        assertNotEquals(base, NormalNoiseKernel.normal(SEED, 5, 1, 0, 2));
    }

    @Test
    void uniformsAreExact53BitFractionsInsideTheirIntervals() {
        assertEquals(0x1.0p-53, NoiseLayout.uniformOpenClosed(0, 0), 0.0);
        assertEquals(1.0, NoiseLayout.uniformOpenClosed(-1, -1), 0.0);
        assertEquals(0.0, NoiseLayout.uniformClosedOpen(0, 0), 0.0);
        assertEquals(1.0 - 0x1.0p-53, NoiseLayout.uniformClosedOpen(-1, -1), 0.0);
        assertTrue(NoiseLayout.uniformClosedOpen(-1, -1) < 1.0);
    }

    @Test
    void rejectsParticlesBeyondTheCounterWord() {
        double[] z = new double[2];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NormalNoiseKernel.fill(1, 2, 0, 1, SEED, NoiseLayout.MAX_PARTICLES, 0, 0, z));
        assertTrue(e.getMessage().contains("2^32"), e.getMessage());
    }
}
