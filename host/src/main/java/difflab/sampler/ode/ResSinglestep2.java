package difflab.sampler.ode;

import difflab.math.Phi;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * RES-2S: the second-order single-step exponential Runge–Kutta sampler of Zhang, Song, Chen 2023, "Improved order
 * analysis and design of exponential integrator for diffusion models sampling" (arXiv 2308.02157, Table 3 /
 * Algorithm 1, as implemented in Birch-san's {@code refined_exp_solver.py}, NVIDIA Cosmos {@code rk2_mid} and
 * RES4LYF {@code rk_coefficients.py} "res_2s"; docs/ALGORITHMS.md §3.3, VERIFIED). Free node c<sub>2</sub> ∈ (0, 1], default 1/2:
 * <pre>
 *   a21 = c2·φ1(−c2 h),   b2 = φ2(−h)/c2,   b1 = φ1(−h) − b2
 *   x2  = (σ_{c2}/σ_s)x + α_{c2}·h·a21·D1              (the DDIM step to λ_s + c2 h)
 *   x_t = (σ_t/σ_s)x + α_t·h·(b1·D1 + b2·D2)
 * </pre>
 * (the VP form of §0.5; in EDM coordinates x̃' = e<sup>−h</sup>x̃ + h(b1 D1 + b2 D2)). It satisfies the order-2
 * condition Σb<sub>i</sub>c<sub>i</sub> = φ<sub>2</sub> exactly, so it is exact for D affine in λ; it equals DPM-Solver++(2S)
 * 'taylor' with r<sub>1</sub> = c<sub>2</sub> (docs/ALGORITHMS.md §3.3, DERIVED; tested to a few ulps). Order 2, 2 NFE per step.
 *
 * @param c2 the second node, in (0, 1]
 */
public record ResSinglestep2(double c2) implements Sampler {
    /** The default node (the λ-midpoint, Cosmos {@code rk2_mid}). */
    public static final double DEFAULT_C2 = 0.5;

    public ResSinglestep2 {
        if (!(c2 > 0.0 && c2 <= 1.0)) {
            throw new IllegalArgumentException("RES-2S c2=" + c2 + " is invalid; accepted: 0 < c2 <= 1");
        }
    }

    /** RES-2S with the default node c<sub>2</sub> = 1/2. */
    public static ResSinglestep2 standard() {
        return new ResSinglestep2(DEFAULT_C2);
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of(c2 == DEFAULT_C2 ? "res-2s" : "res-2s(c2=" + c2 + ")",
                "RES-2S, second-order exponential Runge-Kutta in lambda, c2=" + c2,
                "Zhang, Song, Chen 2023 (RES, arXiv 2308.02157) Table 3 / Algorithm 1; coefficients as in "
                        + "refined_exp_solver.py, Cosmos rk2_mid, RES4LYF res_2s",
                2, 2, 0);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        double h = c.h(i);
        double b2 = Phi.phi2(h) / c2;
        double[][] a = {{}, {c2 * Phi.phi1(c2 * h)}};
        return ExponentialRungeKutta.step(c, i, new double[] {0.0, c2}, a, new double[] {Phi.phi1(h) - b2, b2});
    }
}
