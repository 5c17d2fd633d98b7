package difflab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ReductionsTest {

    @Test
    void compensatedSumIsExactWhereNaiveSumFails() {
        double[] v = {1e16, 1.0, -1e16, 1.0, 3.0};
        assertEquals(5.0, Reductions.sum(v, 0, v.length), 0.0);
        double naive = 0;
        for (double x : v) {
            naive += x;
        }
        // the naive left-to-right sum loses the first 1.0: the test would catch a naive implementation
        assertEquals(4.0, naive, 0.0);
        double[] w = new double[1000];
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.1 * (i + 1) + 1e-3 / (i + 1);
            exact = exact.add(new BigDecimal(w[i]).multiply(new BigDecimal(w[i])));
        }
        assertEquals(exact.doubleValue(), Reductions.sumOfSquares(w, 0, w.length), 0.0);
    }

    @Test
    void squaredDistancesAndMoments() {
        int n = 3;
        int d = 2;
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {0, 0, 0, 0, 0, 1};
        double[] r = new double[n];
        Reductions.squaredDistances(n, d, 0, n, a, b, r);
        assertEquals(1 + 16, r[0], 0.0);
        assertEquals(4 + 25, r[1], 0.0);
        assertEquals(9 + 25, r[2], 0.0);
        double[] s = new double[d];
        double[] q = new double[d];
        Reductions.coordinateMoments(n, d, 0, n, a, s, q);
        assertEquals(6, s[0], 0.0);
        assertEquals(15, s[1], 0.0);
        assertEquals(14, q[0], 0.0);
        assertEquals(77, q[1], 0.0);
    }
}
