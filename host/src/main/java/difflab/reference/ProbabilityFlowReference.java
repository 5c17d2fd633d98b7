package difflab.reference;

import difflab.core.Particles;
import difflab.target.GaussianTarget;
import difflab.target.Target;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;

/**
 * The reference solution of the probability-flow ODE from t<sub>T</sub> to t<sub>0</sub>, against which pathwise errors are
 * measured. For a {@link GaussianTarget} the closed-form flow map is used; otherwise the ODE in half log-SNR,
 * <pre>  dx/dλ = −α(λ)²·x + α(λ)·D(x; α(λ), σ(λ)),   α(λ)² = 1/(1 + e^{−2λ}),  σ² = 1 − α²</pre>
 * (docs/ALGORITHMS.md §0.3, §7.1), is integrated with commons-math3's {@link DormandPrince853Integrator} at tolerances near
 * 1e-12. In λ the ODE does not depend on the schedule, only on the end points λ<sub>T</sub> and λ<sub>t0</sub>.
 * DERIVED (docs/ALGORITHMS.md §0.3). ProbabilityFlowReferenceTest checks the numerical solve against the closed-form
 * Gaussian flow, directly and through the mixture denoiser with K = 1 (the agreement is in the README).
 */
public final class ProbabilityFlowReference {
    /** Relative and absolute tolerance of the adaptive reference solve. */
    public static final double TOLERANCE = 1e-12;
    static final double MIN_STEP = 1e-12;

    private ProbabilityFlowReference() {
    }

    /** Solves each particle's flow from λ = {@code lambdaStart} to {@code lambdaEnd}. */
    public static Particles solve(Target target, Particles start, double lambdaStart, double lambdaEnd) {
        if (target instanceof GaussianTarget g) {
            double aS = alpha(lambdaStart);
            double aT = alpha(lambdaEnd);
            return g.flow(aS, sigma(lambdaStart), aT, sigma(lambdaEnd), start);
        }
        return solveNumerically(target, start, lambdaStart, lambdaEnd);
    }

    /** The Dormand–Prince solve, also for Gaussians (used to cross-check the closed form). */
    public static Particles solveNumerically(Target target, Particles start, double lambdaStart, double lambdaEnd) {
        int n = start.count();
        int d = start.dimension();
        double[][] rows = start.toRows();
        for (int i = 0; i < n; i++) {
            DormandPrince853Integrator integrator = new DormandPrince853Integrator(MIN_STEP,
                    Math.abs(lambdaEnd - lambdaStart), TOLERANCE, TOLERANCE);
            double[] y = rows[i].clone();
            integrator.integrate(new FlowOde(target, d), lambdaStart, rows[i], lambdaEnd, y);
            rows[i] = y;
        }
        return Particles.fromRows(rows);
    }

    /** α(λ) = (1 + e<sup>−2λ</sup>)<sup>−1/2</sup>. */
    public static double alpha(double lambda) {
        return Math.exp(-0.5 * log1pExp(-2.0 * lambda));
    }

    /** σ(λ) = (1 + e<sup>2λ</sup>)<sup>−1/2</sup>. */
    public static double sigma(double lambda) {
        return Math.exp(-0.5 * log1pExp(2.0 * lambda));
    }

    private static double log1pExp(double u) {
        return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    }

    private static final class FlowOde implements FirstOrderDifferentialEquations {
        private final Target target;
        private final int d;

        FlowOde(Target target, int d) {
            this.target = target;
            this.d = d;
        }

        @Override
        public int getDimension() {
            return d;
        }

        @Override
        public void computeDerivatives(double lambda, double[] x, double[] dx) {
            double a = alpha(lambda);
            double s = sigma(lambda);
            double[] den = target.denoise(a, s, x);
            for (int j = 0; j < d; j++) {
                dx[j] = -a * a * x[j] + a * den[j];
            }
        }
    }
}
