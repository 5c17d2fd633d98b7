package difflab.sampler.ode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.grid.GridType;
import difflab.sampler.SamplingContext;
import difflab.schedule.LinearVpSchedule;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;

/**
 * DEIS's {@link Deis.Quadrature#EXACT} coefficients (docs/ALGORITHMS.md §8.9) against an independent integration:
 * commons-math3's iterative {@value #POINTS}-point Gauss–Legendre rule, refined to 1e-15 relative, applied to the
 * integrand as the DEIS paper writes it, (α<sub>i+1</sub>/α<sub>τ</sub>)·(−d log α/dτ)/σ<sub>τ</sub>·ℓ<sub>j</sub>(τ),
 * with the linear VP schedule's exact −d log α/dτ = β(τ)/2; not the integration by parts that {@link Deis}
 * evaluates with {@link difflab.math.GaussLegendre}. Every coefficient of every step must agree to 1e-12 relative to
 * the largest coefficient of its step.
 */
class DeisQuadratureTest {
    private static final double TOLERANCE = 1e-12;
    /** Points of the independent rule (commons-math builds rules 1..n once per JVM, slowly: 64 points take ~7 s). */
    private static final int POINTS = 20;
    private static final LinearVpSchedule SCHEDULE = LinearVpSchedule.standard();

    @Test
    void tabCoefficientsMatchAnIndependentQuadratureOfThePaperIntegrand() {
        for (GridType grid : new GridType[] {new GridType.UniformTime(), new GridType.UniformLogSnr()}) {
            SamplingContext c = new SamplingContext(SCHEDULE, grid.build(SCHEDULE, 1.0, 1e-3, 12));
            for (int degree = 1; degree <= 3; degree++) {
                Deis deis = new Deis(Deis.Basis.T_AB, degree, Deis.Quadrature.EXACT);
                for (int i = 0; i < c.steps(); i++) {
                    int r = Math.min(degree, i);
                    double[] nodes = nodes(c, i, r, Deis.Basis.T_AB);
                    double tNext = c.t(i + 1);
                    double[] expected = new double[r + 1];
                    for (int j = 0; j <= r; j++) {
                        int jj = j;
                        expected[j] = integrate(tau -> paperIntegrand(tau, tNext) * Deis.lagrange(nodes, jj, tau),
                                c.t(i), tNext, 0.0);
                    }
                    assertClose(expected, deis.coefficients(c, i, r), deis.id() + " on " + grid.id() + ", step " + i);
                }
            }
        }
    }

    @Test
    void rhoAbCoefficientsMatchAnIndependentQuadrature() {
        SamplingContext c = new SamplingContext(SCHEDULE, new GridType.UniformLogSnr().build(SCHEDULE, 1.0, 1e-3, 12));
        for (int degree = 1; degree <= 3; degree++) {
            Deis deis = new Deis(Deis.Basis.RHO_AB, degree, Deis.Quadrature.EXACT);
            for (int i = 0; i < c.steps(); i++) {
                int r = Math.min(degree, i);
                double[] nodes = nodes(c, i, r, Deis.Basis.RHO_AB);
                double[] expected = new double[r + 1];
                for (int j = 0; j <= r; j++) {
                    int jj = j;
                    double from = c.noiseToSignal(i);
                    double to = c.noiseToSignal(i + 1);
                    // ℓ_j is of size 1 on the step: an absolute floor at rounding level stops the iteration on a
                    // coefficient that cancels to nearly zero
                    expected[j] = integrate(nu -> Deis.lagrange(nodes, jj, nu), from, to,
                            1e-16 * Math.abs(to - from));
                }
                assertClose(expected, deis.coefficients(c, i, r), deis.id() + ", step " + i);
            }
        }
    }

    /** (α_t/α_τ)·(β(τ)/2)/σ_τ: DEIS's ψ(t, τ)·(−d log α/dτ)/σ_τ for the linear VP schedule, in closed form. */
    private static double paperIntegrand(double tau, double t) {
        double halfBeta = 0.5 * (SCHEDULE.beta0() + (SCHEDULE.beta1() - SCHEDULE.beta0()) * tau);
        return SCHEDULE.alpha(t) / SCHEDULE.alpha(tau) * halfBeta / SCHEDULE.sigma(tau);
    }

    private static double[] nodes(SamplingContext c, int i, int r, Deis.Basis basis) {
        double[] x = new double[r + 1];
        for (int j = 0; j <= r; j++) {
            x[j] = basis == Deis.Basis.T_AB ? c.t(i - j) : c.noiseToSignal(i - j);
        }
        return x;
    }

    /**
     * ∫ f from a to b (either order) by commons-math3's iterative {@value #POINTS}-point Gauss–Legendre rule, to 1e-15
     * relative or the given absolute accuracy.
     */
    private static double integrate(DoubleUnaryOperator f, double a, double b, double absolute) {
        IterativeLegendreGaussIntegrator integrator =
                new IterativeLegendreGaussIntegrator(POINTS, 1e-15, Math.max(absolute, Double.MIN_NORMAL), 2, 64);
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        double value = integrator.integrate(Integer.MAX_VALUE, f::applyAsDouble, lo, hi);
        return a <= b ? value : -value;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int j = 0; j < expected.length; j++) {
            double error = Math.abs(actual[j] - expected[j]) / scale;
            assertTrue(error <= TOLERANCE, what + ", C_" + j + " = " + actual[j] + ", independent " + expected[j]
                    + ", relative error " + error);
        }
    }
}
