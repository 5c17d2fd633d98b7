package difflab.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

class GaussianKlTest {

    private static final double[][] S0 = {{2.0, 0.3, -0.4}, {0.3, 1.0, 0.2}, {-0.4, 0.2, 0.5}};
    private static final double[][] S1 = {{1.0, -0.2, 0.1}, {-0.2, 3.0, 0.5}, {0.1, 0.5, 0.8}};
    private static final double[] M0 = {0.1, -1.0, 2.0};
    private static final double[] M1 = {0.4, 0.5, 1.5};

    @Test
    void identicalGaussiansHaveZeroDivergence() {
        assertEquals(0.0, GaussianKl.kl(0.3, 2.0, 0.3, 2.0), 0.0);
        assertEquals(0.0, GaussianKl.kl(M0, new double[] {1, 2, 3}, M0, new double[] {1, 2, 3}), 0.0);
        assertEquals(0.0, GaussianKl.kl(M0, S0, M0, S0), 1e-15);
    }

    @Test
    void shiftedUnitGaussiansGiveHalfSquaredShift() {
        double[] ones = {1, 1, 1};
        double[][] identity = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        // |M1 − M0|² = 0.09 + 2.25 + 0.25 = 2.59
        assertEquals(0.5 * 2.59, GaussianKl.kl(M0, ones, M1, ones), 1e-14);
        assertEquals(0.5 * 2.59, GaussianKl.kl(M0, identity, M1, identity), 1e-14);
    }

    @Test
    void scalarMatchesClosedForm() {
        // KL(N(0,1) ‖ N(1,4)) = ½[1/4 + 1/4 − 1 + ln 4]
        assertEquals(0.5 * (0.25 + 0.25 - 1 + Math.log(4)), GaussianKl.kl(0, 1, 1, 4), 1e-15);
        // the divergence is not symmetric: KL(N(1,4) ‖ N(0,1)) = ½[4 + 1 − 1 − ln 4]
        assertEquals(0.5 * (4 + 1 - 1 - Math.log(4)), GaussianKl.kl(1, 4, 0, 1), 1e-15);
    }

    @Test
    void fullMatrixAgreesWithInverseAndDeterminant() {
        RealMatrix s0 = new Array2DRowRealMatrix(S0);
        LUDecomposition lu1 = new LUDecomposition(new Array2DRowRealMatrix(S1));
        RealMatrix s1Inverse = lu1.getSolver().getInverse();
        RealVector shift = new ArrayRealVector(M1).subtract(new ArrayRealVector(M0));
        double expected = 0.5 * (s1Inverse.multiply(s0).getTrace() + shift.dotProduct(s1Inverse.operate(shift)) - 3
                + Math.log(lu1.getDeterminant() / new LUDecomposition(s0).getDeterminant()));

        assertEquals(expected, GaussianKl.kl(M0, S0, M1, S1), 1e-12);
        assertTrue(expected > 1, "a non-trivial case: " + expected);
    }

    @Test
    void fullMatrixWithDiagonalCovariancesAgreesWithDiagonalForm() {
        double[] v0 = {0.5, 2.0, 1.5};
        double[] v1 = {1.0, 0.7, 3.0};
        double[][] s0 = {{0.5, 0, 0}, {0, 2.0, 0}, {0, 0, 1.5}};
        double[][] s1 = {{1.0, 0, 0}, {0, 0.7, 0}, {0, 0, 3.0}};
        assertEquals(GaussianKl.kl(M0, v0, M1, v1), GaussianKl.kl(M0, s0, M1, s1), 1e-14);
    }

    @Test
    void rejectsInvalidCovariancesNamingThem() {
        double[][] indefinite = {{1, 2, 0}, {2, 1, 0}, {0, 0, 1}};
        var notSpd = assertThrows(IllegalArgumentException.class, () -> GaussianKl.kl(M0, S0, M1, indefinite));
        assertTrue(notSpd.getMessage().startsWith("s1 "), notSpd.getMessage());
        double[][] asymmetric = {{1, 0.5, 0}, {0.4, 1, 0}, {0, 0, 1}};
        var notSymmetric = assertThrows(IllegalArgumentException.class, () -> GaussianKl.kl(M0, asymmetric, M1, S1));
        assertTrue(notSymmetric.getMessage().startsWith("s0 "), notSymmetric.getMessage());
        var zeroVariance = assertThrows(IllegalArgumentException.class,
                () -> GaussianKl.kl(M0, new double[] {1, 0, 1}, M1, new double[] {1, 1, 1}));
        assertTrue(zeroVariance.getMessage().contains("v0[1] = 0.0"), zeroVariance.getMessage());
    }
}
