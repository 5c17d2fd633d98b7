package difflab.fors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.kernels.NormalNoiseKernel;
import org.junit.jupiter.api.Test;

/** The FORS keying of {@link ForsNoise}: deterministic, distinct per coordinate of the key, sound marginals. */
class ForsNoiseTest {
    static final long SEED = 0x1234_5678_9ABCL;

    @Test
    void sameKeySameNumbersDifferentKeyDifferentNumbers() {
        AttemptKey k = new AttemptKey(SEED, 7, 3, 2);
        assertEquals(k.poissonUniform(), new AttemptKey(SEED, 7, 3, 2).poissonUniform());
        assertEquals(k.estimatorUniform(5, 1), new AttemptKey(SEED, 7, 3, 2).estimatorUniform(5, 1));
        assertNotEquals(k.poissonUniform(), new AttemptKey(SEED, 7, 3, 3).poissonUniform());
        assertNotEquals(k.poissonUniform(), new AttemptKey(SEED, 8, 3, 2).poissonUniform());
        assertNotEquals(k.poissonUniform(), new AttemptKey(SEED, 7, 4, 2).poissonUniform());
        assertNotEquals(k.poissonUniform(), new AttemptKey(SEED + 1, 7, 3, 2).poissonUniform());
        assertNotEquals(k.poissonUniform(), k.acceptUniform());
        assertNotEquals(k.estimatorUniform(5, 0), k.estimatorUniform(5, 1));
        assertNotEquals(k.estimatorUniform(5, 0), k.estimatorUniform(6, 0));
        assertNotEquals(k.estimatorUniform(0, 0), k.coinUniform(0));
    }

    @Test
    void proposalNormalsDifferFromSamplerNoiseOfTheSameStepAndParticle() {
        double[] z = new double[2];
        new AttemptKey(SEED, 7, 3, 0).proposalNormals(z);
        for (int stream = 0; stream < 4; stream++) {
            assertNotEquals(NormalNoiseKernel.normal(SEED, 7, 3, stream, 0), z[0]);
        }
    }

    @Test
    void uniformsAndNormalsHaveTheRightMoments() {
        int n = 100_000;
        double su = 0;
        double suu = 0;
        double sz = 0;
        double szz = 0;
        double[] z = new double[3];
        for (int i = 0; i < n; i++) {
            AttemptKey k = new AttemptKey(SEED, i, 0, i % 5);
            double u = k.estimatorUniform(i % 7, i % 4);
            su += u;
            suu += u * u;
            k.proposalNormals(z);
            sz += z[2];
            szz += z[2] * z[2];
        }
        assertEquals(0.5, su / n, 5 * Math.sqrt(1.0 / 12 / n));
        assertEquals(1.0 / 3, suu / n, 5 * Math.sqrt(4.0 / 45 / n));
        assertEquals(0.0, sz / n, 5 * Math.sqrt(1.0 / n));
        assertEquals(1.0, szz / n, 5 * Math.sqrt(2.0 / n));
    }

    @Test
    void poissonInversionHasPoissonMomentsAndExactSmallCases() {
        assertEquals(0, PoissonInversion.count(2.0, 0.0));
        assertEquals(0, PoissonInversion.count(2.0, Math.exp(-2.0) * 0.999));
        assertEquals(1, PoissonInversion.count(2.0, Math.exp(-2.0) * 1.001));
        assertEquals(0, PoissonInversion.count(0.0, 0.5));
        double mean = 3.0;
        int n = 100_000;
        double s = 0;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            int k = PoissonInversion.count(mean, (i + 0.5) / n);
            s += k;
            ss += k * k;
        }
        assertEquals(mean, s / n, 1e-3);
        assertEquals(mean, ss / n - (s / n) * (s / n), 1e-2);
        assertTrue(PoissonInversion.count(PoissonInversion.MAX_MEAN, 0.999_999) > 600);
    }
}
