package difflab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;

/**
 * φ<sub>1</sub>, φ<sub>2</sub>, φ<sub>3</sub> at −h against a 120-digit BigDecimal evaluation of the Taylor series
 * φ<sub>k</sub>(z) = Σ<sub>n≥0</sub> zⁿ/(n+k)! (docs/ALGORITHMS.md §0.4), for h log-spaced from 1e-12 to 50 and around the points
 * where {@link Phi} switches between short series, long series and closed form.
 */
class PhiTest {
    /** Required relative accuracy (issue 2 §2). */
    static final double RELATIVE_TOLERANCE = 1e-14;
    static final double H_MIN = 1e-12;
    static final double H_MAX = 50.0;
    static final int LOG_SPACED_POINTS = 400;
    private static final MathContext HIGH = new MathContext(120);

    /** φ<sub>k</sub>(−h) to about 60 correct digits: the alternating series summed with 120-digit arithmetic. */
    static BigDecimal phiExact(int k, double h) {
        BigDecimal z = new BigDecimal(h).negate();
        BigDecimal factorial = BigDecimal.ONE;
        for (int i = 2; i <= k; i++) {
            factorial = factorial.multiply(BigDecimal.valueOf(i));
        }
        BigDecimal term = BigDecimal.ONE.divide(factorial, HIGH); // z^0/k!
        BigDecimal sum = term;
        BigDecimal negligible = new BigDecimal("1e-70");
        for (int n = 1; n < 10_000; n++) {
            term = term.multiply(z, HIGH).divide(BigDecimal.valueOf(n + k), HIGH);
            sum = sum.add(term, HIGH);
            if (term.abs().compareTo(negligible) < 0 && n > Math.abs(h) * 3) {
                return sum;
            }
        }
        throw new AssertionError("series did not converge for h=" + h);
    }

    static List<Double> testPoints() {
        List<Double> hs = new ArrayList<>();
        double logMin = Math.log10(H_MIN);
        double logMax = Math.log10(H_MAX);
        for (int i = 0; i < LOG_SPACED_POINTS; i++) {
            hs.add(Math.pow(10.0, logMin + (logMax - logMin) * i / (LOG_SPACED_POINTS - 1)));
        }
        for (double threshold : new double[] {Phi.SERIES_THRESHOLD, Phi.CLOSED_FORM_THRESHOLD}) {
            double below = threshold;
            double above = threshold;
            for (int i = 0; i < 8; i++) {
                below = Math.nextDown(below);
                above = Math.nextUp(above);
                hs.add(below);
                hs.add(above);
            }
            hs.add(threshold);
            for (double rel : new double[] {1e-12, 1e-9, 1e-6, 1e-3, 1e-2, 0.1, 0.5}) {
                hs.add(threshold * (1 - rel));
                hs.add(threshold * (1 + rel));
            }
        }
        hs.add(H_MAX);
        hs.add(H_MIN);
        return hs;
    }

    /** The worst relative error of φ<sub>k</sub> over {@link #testPoints()}, and where it occurs. */
    static double[] worstRelativeError(int k) {
        double worst = 0;
        double at = Double.NaN;
        for (double h : testPoints()) {
            double exact = phiExact(k, h).doubleValue();
            double rel = Math.abs(Phi.phi(k, h) - exact) / Math.abs(exact);
            if (rel > worst) {
                worst = rel;
                at = h;
            }
        }
        return new double[] {worst, at};
    }

    @Test
    void phi1MatchesHighPrecisionTo1e14() {
        double[] w = worstRelativeError(1);
        System.out.printf("phi1: worst relative error %.3e at h=%.6g%n", w[0], w[1]);
        assertTrue(w[0] <= RELATIVE_TOLERANCE, "phi1 worst relative error " + w[0] + " at h=" + w[1]);
    }

    @Test
    void phi2MatchesHighPrecisionTo1e14() {
        double[] w = worstRelativeError(2);
        System.out.printf("phi2: worst relative error %.3e at h=%.6g%n", w[0], w[1]);
        assertTrue(w[0] <= RELATIVE_TOLERANCE, "phi2 worst relative error " + w[0] + " at h=" + w[1]);
    }

    @Test
    void phi3MatchesHighPrecisionTo1e14() {
        double[] w = worstRelativeError(3);
        System.out.printf("phi3: worst relative error %.3e at h=%.6g%n", w[0], w[1]);
        assertTrue(w[0] <= RELATIVE_TOLERANCE, "phi3 worst relative error " + w[0] + " at h=" + w[1]);
    }

    @Test
    void phi0IsExpOfMinusH() {
        for (double h : testPoints()) {
            assertEquals(Math.exp(-h), Phi.phi0(h), 0.0);
        }
    }

    @Test
    void limitsAtZero() {
        assertEquals(1.0, Phi.phi1(0.0), 0.0);
        assertEquals(0.5, Phi.phi2(0.0), 0.0);
        assertEquals(1.0 / 6.0, Phi.phi3(0.0), 0.0);
    }

    /** ∫<sub>0</sub><sup>h</sup> e<sup>−(h−τ)</sup> τ<sup>k−1</sup>/(k−1)! dτ = h<sup>k</sup> φ<sub>k</sub>(−h) (docs/ALGORITHMS.md §0.4), by Gauss–Legendre quadrature. */
    @Test
    void integralIdentityHolds() {
        IterativeLegendreGaussIntegrator quadrature = new IterativeLegendreGaussIntegrator(16, 1e-15, 1e-300);
        double worst = 0;
        for (double h : new double[] {1e-6, 1e-3, 0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0}) {
            for (int k = 1; k <= 3; k++) {
                final int order = k;
                final double factorial = order == 3 ? 2.0 : 1.0;
                double integral = quadrature.integrate(100_000,
                        tau -> Math.exp(-(h - tau)) * Math.pow(tau, order - 1) / factorial, 0.0, h);
                double expected = Math.pow(h, k) * Phi.phi(k, h);
                double rel = Math.abs(integral - expected) / Math.abs(expected);
                worst = Math.max(worst, rel);
                assertEquals(expected, integral, 1e-13 * Math.abs(expected), "k=" + k + ", h=" + h);
            }
        }
        System.out.printf("phi integral identity: worst relative difference %.3e%n", worst);
    }

    @Test
    void unsupportedOrderIsRejectedWithAcceptedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Phi.phi(4, 1.0));
        assertTrue(e.getMessage().contains("k=4") && e.getMessage().contains("0, 1, 2, 3"), e.getMessage());
    }
}
