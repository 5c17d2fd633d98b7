package difflab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CombineKernelTest {

    static double[] random(int len, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = r.nextDouble(-2, 2);
        }
        return a;
    }

    @Test
    void matchesLeftToRightSumBitForBit() {
        int n = 9;
        int d = 4;
        double[] x = random(n * d, 1);
        double[][] all = {random(n * d, 2), random(n * d, 3), random(n * d, 4), random(n * d, 5), random(n * d, 6)};
        double[] allC = {0.3, -1.7, 1e-3, 1.0 / 3.0, -2.5};
        double a = 0.9;
        // 0..3 terms take the fused single-pass loop, 4 and 5 the general multi-pass loop
        for (int m = 0; m <= all.length; m++) {
            double[][] t = java.util.Arrays.copyOf(all, m);
            double[] c = java.util.Arrays.copyOf(allC, m);
            double[] out = new double[n * d];
            CombineKernel.combine(n, d, 0, n, a, x, c, t, out);
            for (int e = 0; e < n * d; e++) {
                double s = a * x[e];
                for (int k = 0; k < m; k++) {
                    s = s + c[k] * t[k][e];
                }
                assertEquals(s, out[e], 0.0, "terms=" + m + " element " + e);
            }
        }
    }

    @Test
    void rangesAliasingAndSkippedX() {
        int n = 10;
        int d = 3;
        double[] x = random(n * d, 5);
        double[][] t = {random(n * d, 6)};
        double[] c = {2.0};
        double[] expected = new double[n * d];
        CombineKernel.combine(n, d, 0, n, -0.5, x, c, t, expected);
        double[] inPlace = x.clone();
        CombineKernel.combine(n, d, 0, 4, -0.5, inPlace, c, t, inPlace);
        CombineKernel.combine(n, d, 4, n, -0.5, inPlace, c, t, inPlace);
        assertArrayEquals(expected, inPlace);

        double[] noX = new double[n * d];
        CombineKernel.combine(n, d, 0, n, 0.0, null, c, t, noX);
        for (int e = 0; e < n * d; e++) {
            assertEquals(2.0 * t[0][e], noX[e], 0.0);
        }
        // untouched particles stay untouched
        double[] part = new double[n * d];
        CombineKernel.combine(n, d, 2, 3, 1.0, x, c, t, part);
        assertEquals(0.0, part[0], 0.0);
        assertEquals(x[2] + 2.0 * t[0][2], part[2], 0.0);
    }

    @Test
    void rejectsMismatchedArguments() {
        double[] x = new double[6];
        assertThrows(IllegalArgumentException.class,
                () -> CombineKernel.combine(3, 2, 0, 3, 1.0, x, new double[] {1, 2}, new double[][] {x}, x));
        assertThrows(IllegalArgumentException.class,
                () -> CombineKernel.combine(3, 2, 0, 4, 1.0, x, new double[0], new double[0][], x));
        assertThrows(IllegalArgumentException.class,
                () -> CombineKernel.combine(3, 2, 0, 3, 1.0, new double[5], new double[0], new double[0][], x));
    }
}
