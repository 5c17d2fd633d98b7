package difflab.sampler.ode;

import difflab.math.GaussLegendre;
import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;
import difflab.schedule.NoiseSchedule;
import java.util.function.DoubleUnaryOperator;

/**
 * DEIS multistep samplers (Zhang &amp; Chen 2023, "Fast Sampling of Diffusion Models with Exponential Integrator",
 * ICLR; §4 and Eq. 14–15, official {@code th_deis/multistep.py} {@code get_ab_eps_coef} and {@code sampler.py}
 * {@code get_sampler_t_ab}, {@code get_sampler_rho_ab}), noise prediction, polynomial degree r = 1..3 over the
 * r + 1 latest evaluations (Adams–Bashforth), warm-up at degree min(r, i) on step i, no lowering at the end.
 * Source, certainty and the test of the exact coefficients: docs/ALGORITHMS.md §8.9.
 *
 * <p>With ν = σ/α (DEIS's ρ) and ℓ<sub>j</sub> the Lagrange basis polynomial of point i − j among the points i−r..i:
 * <pre>
 *   tAB (basis in t):  x_{i+1} = (α_{i+1}/α_i)·x_i + Σ_j C_j ε_{i−j},  C_j = ∫_{t_i}^{t_{i+1}} (α_{i+1}/α_τ)·(−d log α/dτ)/σ_τ·ℓ_j(τ) dτ
 *                                                               = α_{i+1}·∫_{t_i}^{t_{i+1}} ℓ_j(τ) dν(τ)   (VP: α² + σ² = 1)
 *   ρAB (basis in ν):  x_{i+1}/α_{i+1} = x_i/α_i + Σ_j C_j ε_{i−j},    C_j = ∫_{ν_i}^{ν_{i+1}} ℓ_j(ν) dν
 * </pre>
 * {@link Quadrature#EXACT} evaluates the tAB integral by parts, α<sub>i+1</sub>[ℓ<sub>j</sub>ν]<sub>t_i</sub><sup>t_{i+1}</sup>
 * − α<sub>i+1</sub>∫ν ℓ<sub>j</sub>'dτ, with {@link GaussLegendre} (relative 1e-14), and the ρAB polynomial integral with the
 * same rule (exact for these degrees). {@link Quadrature#RIEMANN_OFFICIAL} is the official code's integrator: the
 * left Riemann sum over {@link #RIEMANN_POINTS} equal sub-intervals of the integrand as written in {@code vpsde.py}
 * (ψ(τ, t)·eps_integrand(τ), with d log α/dτ by a fourth-order central difference where the code differentiates with
 * jax) or of ℓ<sub>j</sub> alone for ρAB. The nominal order of degree r is r + 1.
 *
 * @param basis      tAB or ρAB
 * @param degree     r in 1..3
 * @param quadrature how the coefficients are integrated
 */
public record Deis(Basis basis, int degree, Quadrature quadrature) implements Sampler {
    /** The official code's Riemann points per step ({@code num_item=10000}). */
    public static final int RIEMANN_POINTS = 10_000;
    /** Relative step of the central difference of log α in the Riemann integrand. */
    static final double DERIVATIVE_STEP = 1e-4;

    /** The variable the Lagrange basis is built in. */
    public enum Basis {
        /** Time t. */
        T_AB("tab"),
        /** ρ = σ/α. */
        RHO_AB("rhoab");

        private final String id;

        Basis(String id) {
            this.id = id;
        }
    }

    /** How the coefficient integrals are evaluated. */
    public enum Quadrature {
        /** Gauss–Legendre to 1e-14 relative. */
        EXACT,
        /** The official 10,000-point left Riemann sum. */
        RIEMANN_OFFICIAL
    }

    public Deis {
        if (degree < 1 || degree > 3) {
            throw new IllegalArgumentException("DEIS degree=" + degree + "; accepted: 1, 2, 3");
        }
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("deis-" + basis.id + degree + (quadrature == Quadrature.RIEMANN_OFFICIAL ? "-riemann" : ""),
                "DEIS " + (basis == Basis.T_AB ? "tAB" : "ρAB") + degree + " (Adams-Bashforth in "
                        + (basis == Basis.T_AB ? "t" : "ρ = σ/α") + ", noise prediction)"
                        + (quadrature == Quadrature.RIEMANN_OFFICIAL ? ", official 10,000-point Riemann coefficients" : ""),
                "Zhang & Chen 2023, DEIS Eq. 14-15; official th_deis multistep.py get_ab_eps_coef, sampler.py "
                        + (basis == Basis.T_AB ? "get_sampler_t_ab" : "get_sampler_rho_ab"),
                degree + 1, 1, degree);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef current = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        int r = Math.min(degree, i);
        double[] weights = coefficients(c, i, r);
        LinearForm sum = LinearForm.zero();
        for (int j = 0; j <= r; j++) {
            EvalRef ref = j == 0 ? current : EvalRef.atGridPoint(c, i - j);
            sum = sum.plus(LinearForm.noisePrediction(ref).times(weights[j]));
        }
        if (basis == Basis.T_AB) {
            return b.output(LinearForm.state().times(c.alpha(i + 1) / c.alpha(i)).plus(sum));
        }
        return b.output(LinearForm.state().times(1.0 / c.alpha(i)).plus(sum).times(c.alpha(i + 1)));
    }

    /** C<sub>0..r</sub> of step i (C<sub>j</sub> multiplies ε at grid point i − j). */
    double[] coefficients(SamplingContext c, int i, int r) {
        double[] nodes = new double[r + 1];
        for (int j = 0; j <= r; j++) {
            nodes[j] = basis == Basis.T_AB ? c.t(i - j) : c.noiseToSignal(i - j);
        }
        double from = nodes[0];
        double to = basis == Basis.T_AB ? c.t(i + 1) : c.noiseToSignal(i + 1);
        NoiseSchedule schedule = c.schedule();
        double[] w = new double[r + 1];
        for (int j = 0; j <= r; j++) {
            int jj = j;
            DoubleUnaryOperator ell = tau -> lagrange(nodes, jj, tau);
            if (quadrature == Quadrature.RIEMANN_OFFICIAL) {
                DoubleUnaryOperator integrand = basis == Basis.RHO_AB ? ell
                        : tau -> officialTabIntegrand(schedule, tau, to) * ell.applyAsDouble(tau);
                w[j] = leftRiemann(integrand, from, to);
            } else if (basis == Basis.RHO_AB) {
                w[j] = GaussLegendre.integrate(ell, from, to);
            } else {
                DoubleUnaryOperator nuTimesSlope = tau -> schedule.noiseToSignal(tau) * lagrangeSlope(nodes, jj, tau);
                w[j] = c.alpha(i + 1) * (ell.applyAsDouble(to) * c.noiseToSignal(i + 1)
                        - ell.applyAsDouble(from) * c.noiseToSignal(i)
                        - GaussLegendre.integrate(nuTimesSlope, from, to));
            }
        }
        return w;
    }

    /** ψ(τ, t)·eps_integrand(τ) of the official vpsde.py: (α_t/α_τ)·(−d log α/dτ)/σ_τ. */
    static double officialTabIntegrand(NoiseSchedule s, double tau, double t) {
        double e = DERIVATIVE_STEP * Math.max(Math.abs(tau), 1e-3);
        double dLogAlpha = (8.0 * (s.logAlpha(tau + e) - s.logAlpha(tau - e))
                - (s.logAlpha(tau + 2 * e) - s.logAlpha(tau - 2 * e))) / (12.0 * e);
        return s.alpha(t) / s.alpha(tau) * (-dLogAlpha) / s.sigma(tau);
    }

    /** Σ f(a + k·Δ)·Δ over k = 0..{@link #RIEMANN_POINTS}−1, Δ = (b − a)/{@link #RIEMANN_POINTS}. */
    static double leftRiemann(DoubleUnaryOperator f, double a, double b) {
        double dt = (b - a) / RIEMANN_POINTS;
        double sum = 0;
        for (int k = 0; k < RIEMANN_POINTS; k++) {
            sum += f.applyAsDouble(a + k * dt);
        }
        return sum * dt;
    }

    /** ℓ<sub>j</sub>(τ) = Π<sub>k≠j</sub> (τ − x<sub>k</sub>)/(x<sub>j</sub> − x<sub>k</sub>). */
    static double lagrange(double[] x, int j, double tau) {
        double p = 1;
        for (int k = 0; k < x.length; k++) {
            if (k != j) {
                p *= (tau - x[k]) / (x[j] - x[k]);
            }
        }
        return p;
    }

    /** ℓ<sub>j</sub>'(τ). */
    static double lagrangeSlope(double[] x, int j, double tau) {
        double sum = 0;
        for (int m = 0; m < x.length; m++) {
            if (m == j) {
                continue;
            }
            double p = 1 / (x[j] - x[m]);
            for (int k = 0; k < x.length; k++) {
                if (k != j && k != m) {
                    p *= (tau - x[k]) / (x[j] - x[k]);
                }
            }
            sum += p;
        }
        return sum;
    }
}
