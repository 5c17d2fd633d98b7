package difflab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The mixture denoiser's two implementations (the {@code jdk.incubator.vector} twin and the plain-loop twin)
 * against a per-particle reference written here from {@link GmmDenoiser}'s class comment: every output must
 * have the same bits, for shapes with and without remainders of the register blocks (k, d not multiples of 8
 * or 4), particle ranges that do not start or end on a vector, particles far out (some {@code exp} arguments
 * below its −708 floor; their responsibilities are then too small to change any output bit, so the floor's value
 * itself is not checked here), and in place ({@code out == x}).
 */
class GmmDenoiserTwinsTest {

    @ParameterizedTest(name = "d={0} k={1} diagonal={2}")
    @CsvSource({"64, 16, false", "64, 16, true", "13, 11, false", "13, 11, true", "5, 3, false", "5, 3, true",
            "8, 8, false", "4, 8, true", "1, 1, false", "1, 1, true"})
    void vectorAndPlainTwinsGiveTheReferenceBits(int d, int k, boolean diagonal) {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "tests run with --add-modules jdk.incubator.vector (surefire argLine), so the vector twin is tested");
        int n = 203;
        int from = 3;
        int to = 197;
        SplittableRandom rng = new SplittableRandom(7L * d + k);
        double[] table = table(rng, d, k, diagonal, 0.7, 0.5);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            // every 17th particle far out: some logit differences below −708 (exp's floor)
            double scale = i % 17 == 0 ? 60.0 : 1.5;
            for (int j = 0; j < d; j++) {
                x[j * n + i] = scale * rng.nextDouble(-1, 1);
            }
        }
        double[] expected = new double[n * d];
        double[] particle = new double[d];
        for (int i = from; i < to; i++) {
            for (int j = 0; j < d; j++) {
                particle[j] = x[j * n + i];
            }
            double[] dj = reference(diagonal, d, k, table, particle);
            for (int j = 0; j < d; j++) {
                expected[j * n + i] = dj[j];
            }
        }
        double[] plain = new double[n * d];
        GmmDenoiser.denoisePlain(diagonal, n, d, from, to, k, table, x, plain);
        assertBits(expected, plain, "plain-loop twin");

        double[] vector = new double[n * d];
        int done = GmmDenoiserVector.denoise(diagonal, n, d, from, to, k, table, x, vector);
        assertEquals(from + (to - from) / GmmDenoiserVector.LANES * GmmDenoiserVector.LANES, done,
                "the vector twin covers every full vector of the range");
        GmmDenoiser.denoisePlain(diagonal, n, d, done, to, k, table, x, vector);
        assertBits(expected, vector, "vector twin");

        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                if (i < from || i >= to) {
                    expected[j * n + i] = x[j * n + i];   // outside the range: untouched
                }
            }
        }
        double[] plainInPlace = x.clone();
        GmmDenoiser.denoisePlain(diagonal, n, d, from, to, k, table, plainInPlace, plainInPlace);
        assertBits(expected, plainInPlace, "plain-loop twin in place");
        double[] vectorInPlace = x.clone();
        done = GmmDenoiserVector.denoise(diagonal, n, d, from, to, k, table, vectorInPlace, vectorInPlace);
        GmmDenoiser.denoisePlain(diagonal, n, d, done, to, k, table, vectorInPlace, vectorInPlace);
        assertBits(expected, vectorInPlace, "vector twin in place");
        double[] prepared = x.clone();
        GmmDenoiser.denoisePrepared(diagonal, n, d, from, to, k, table, prepared, prepared);
        assertBits(expected, prepared, "denoisePrepared in place");
    }

    private static void assertBits(double[] expected, double[] actual, String what) {
        for (int e = 0; e < expected.length; e++) {
            if (Double.doubleToRawLongBits(expected[e]) != Double.doubleToRawLongBits(actual[e])) {
                throw new AssertionError(what + ": element " + e + " is " + actual[e] + ", reference " + expected[e]);
            }
        }
    }

    private static double[] table(SplittableRandom rng, int d, int k, boolean diagonal, double alpha, double sigma) {
        double[] logWeights = new double[k];
        double[] means = new double[k * d];
        double[] vars = new double[diagonal ? k * d : k];
        for (int c = 0; c < k; c++) {
            logWeights[c] = Math.log(0.2 + rng.nextDouble());
            for (int j = 0; j < d; j++) {
                means[c * d + j] = rng.nextDouble(-2, 2);
            }
        }
        for (int v = 0; v < vars.length; v++) {
            vars[v] = 0.05 + rng.nextDouble();
        }
        if (diagonal) {
            double[] t = new double[GmmDenoiser.diagonalTableLength(k, d)];
            GmmDenoiser.prepareDiagonal(d, alpha, sigma, k, logWeights, means, vars, t);
            return t;
        }
        double[] t = new double[GmmDenoiser.isotropicTableLength(k, d)];
        GmmDenoiser.prepareIsotropic(d, alpha, sigma, k, logWeights, means, vars, t);
        return t;
    }

    /** One particle, operation by operation as GmmDenoiser's class comment lists them. */
    private static double[] reference(boolean diagonal, int d, int k, double[] table, double[] x) {
        int kd = k * d;
        int wOff = diagonal ? k + kd : 3 * k;
        int fOff = diagonal ? k + 2 * kd : 3 * k + kd;
        int gOff = k + 3 * kd;
        double pp = 0.0;
        for (int j = 0; j < d; j++) {
            pp = Math.fma(x[j], x[j], pp);
        }
        double[] l = new double[k];
        for (int c = 0; c < k; c++) {
            double a = 0.0;
            for (int j = 0; j < d; j++) {
                a = Math.fma(table[wOff + j * k + c], x[j], a);
                if (diagonal) {
                    a = Math.fma(table[k + j * k + c], x[j] * x[j], a);
                }
            }
            l[c] = diagonal ? table[c] + a : Math.fma(table[k + c], pp, table[c] + a);
        }
        double m = l[0];
        for (int c = 1; c < k; c++) {
            m = Math.max(m, l[c]);
        }
        double s = 0.0;
        double[] r = new double[k];
        for (int c = 0; c < k; c++) {
            r[c] = PortableMath.expNonPositive(l[c] - m);
            s = s + r[c];
        }
        double inv = 1.0 / s;
        double gs = 0.0;
        for (int c = 0; c < k; c++) {
            r[c] = r[c] * inv;
            if (!diagonal) {
                gs = Math.fma(table[2 * k + c], r[c], gs);
            }
        }
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            double f = 0.0;
            double g = 0.0;
            for (int c = 0; c < k; c++) {
                f = Math.fma(table[fOff + j * k + c], r[c], f);
                if (diagonal) {
                    g = Math.fma(table[gOff + j * k + c], r[c], g);
                }
            }
            out[j] = Math.fma(diagonal ? g : gs, x[j], f);
        }
        return out;
    }
}
