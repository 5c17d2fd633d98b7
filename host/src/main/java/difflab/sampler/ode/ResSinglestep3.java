package difflab.sampler.ode;

import difflab.math.Phi;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * RES-3S: three-stage exponential Runge–Kutta samplers in λ with nodes 0, c<sub>2</sub>, c<sub>3</sub> (docs/ALGORITHMS.md §3.5), in
 * three variants. With all φ's at −h unless a node is given (φ<sub>k</sub>(−c h)):
 * <pre>
 *  common:     a21 = c2·φ1(−c2 h),   a31 = c3·φ1(−c3 h) − a32,   b1 = φ1 − b2 − b3
 *  res-3s          γ = (3c3² − 2c3)/(c2(2 − 3c2))                                  [DERIVED, docs/ALGORITHMS.md §3.5]
 *  res-3s-res4lyf  γ = (3c3³ − 2c3)/(c2(2 − 3c2))                                  [RES4LYF calculate_gamma]
 *       a32 = γ·c2·φ2(−c2 h) + (c3²/c2)·φ2(−c3 h),   b3 = φ2/(γc2 + c3),   b2 = γ·b3
 *  res-3s-stiff    b2 = (c3φ2 − 2φ3)/(c2(c3 − c2)),   b3 = (2φ3 − c2φ2)/(c3(c3 − c2))
 *                  a32 = [c3²·φ2(−c3 h) + (b2/b3)·c2²·φ2(−c2 h)]/c2                 [DERIVED, docs/ALGORITHMS.md §3.5]
 * </pre>
 * and the step of {@link ExponentialRungeKutta}. Order conditions (Hochbruck–Ostermann, docs/ALGORITHMS.md §3.2): all variants
 * satisfy Σb = φ<sub>1</sub>, Σbc = φ<sub>2</sub> and the coupling condition Σb<sub>i</sub>ψ<sub>2,i</sub> = 0 exactly.
 * The third condition Σb<sub>i</sub>c<sub>i</sub>²/2 = φ<sub>3</sub> holds exactly for res-3s-stiff, only as h → 0 for
 * res-3s (its γ makes (γc<sub>2</sub>² + c<sub>3</sub>²)/(γc<sub>2</sub> + c<sub>3</sub>) = 2/3), and for res-3s-res4lyf only when
 * c<sub>3</sub> = 1, where c<sub>3</sub>³ = c<sub>3</sub>²: elsewhere that variant is second order.
 *
 * <p>Sources and certainty. Whether the RES paper gives a third-order table is UNVERIFIED (docs/ALGORITHMS.md §3.5). The
 * res-3s-res4lyf variant is RES4LYF's {@code rk_coefficients.py} "res_3s" branch exactly as published
 * ({@code calculate_gamma(c2, c3) = (3*(c3**3) - 2*c3) / (c2*(2 - 3*c2))}, read with the project's code search); its
 * defaults there are c<sub>2</sub> = 0.5, c<sub>3</sub> = 1.0 ({@code get_rk_methods(rk_type, h, c1=0.0, c2=0.5, c3=1.0, ...)}
 * and the ClownSampler node inputs), at which the c<sub>3</sub>³ and c<sub>3</sub>² forms coincide. The registered
 * instances all use those defaults; the order tests also measure c<sub>3</sub> = 3/4, where the forms differ.
 * 3 NFE per step.
 *
 * <p>Measured orders (order table; numbers in the README, <i>Order-test measurements</i>): res-3s is third order on both targets; res-3s-res4lyf at the defaults is
 * the same program (bit-identical coefficients), but at c<sub>3</sub> = 3/4 it is second order where the
 * c<sub>3</sub>² form stays third: RES4LYF's γ is second order whenever c<sub>3</sub> ≠ 1 (finding). res-3s-stiff is
 * fourth order on the Gaussian (finding: above its nominal 3; with nodes 0, 1/2, 1 its exact φ-weights integrate
 * like Simpson's rule, order 4 as a quadrature; which further conditions the Gaussian's linear flow satisfies was
 * not established) and third on the mixture, and third on both at c<sub>3</sub> = 3/4. Numbers: README.
 *
 * @param c2      second node, in (0, 1), ≠ 2/3 for the γ forms
 * @param c3      third node, in (0, 1], ≠ c2
 * @param variant which coefficient family
 */
public record ResSinglestep3(double c2, double c3, Variant variant) implements Sampler {
    /** RES4LYF's default second node. */
    public static final double DEFAULT_C2 = 0.5;
    /** RES4LYF's default third node. */
    public static final double DEFAULT_C3 = 1.0;

    /** The coefficient family. */
    public enum Variant {
        /** γ with c<sub>3</sub>², third order as h → 0 (docs/ALGORITHMS.md §3.5). */
        GAMMA_C3_SQUARED("res-3s"),
        /** γ with c<sub>3</sub>³, as RES4LYF's code publishes it. */
        GAMMA_C3_CUBED_RES4LYF("res-3s-res4lyf"),
        /** The "stiff-order-3" weights satisfying Σb<sub>i</sub>c<sub>i</sub>²/2 = φ<sub>3</sub> exactly (docs/ALGORITHMS.md §3.5). */
        STIFF_ORDER_3("res-3s-stiff");

        private final String baseId;

        Variant(String baseId) {
            this.baseId = baseId;
        }

        /** The id of this variant at the default nodes. */
        public String baseId() {
            return baseId;
        }
    }

    public ResSinglestep3 {
        if (variant == null) {
            throw new IllegalArgumentException("RES-3S variant is null; accepted: " + java.util.Arrays.toString(Variant.values()));
        }
        if (!(c2 > 0.0 && c2 < 1.0)) {
            throw new IllegalArgumentException("RES-3S c2=" + c2 + " is invalid; accepted: 0 < c2 < 1");
        }
        if (!(c3 > 0.0 && c3 <= 1.0) || c3 == c2) {
            throw new IllegalArgumentException("RES-3S c3=" + c3 + " is invalid; accepted: 0 < c3 <= 1, c3 != c2");
        }
        if (variant != Variant.STIFF_ORDER_3) {
            if (c2 == 2.0 / 3.0) {
                throw new IllegalArgumentException("RES-3S c2=2/3 makes γ's denominator c2(2 − 3c2) zero; accepted: c2 != 2/3");
            }
            if (gamma(c2, c3, variant) * c2 + c3 == 0.0) {
                throw new IllegalArgumentException("RES-3S nodes c2=" + c2 + ", c3=" + c3 + " make γc2 + c3 zero");
            }
        }
    }

    /** The variant at RES4LYF's default nodes c<sub>2</sub> = 1/2, c<sub>3</sub> = 1. */
    public static ResSinglestep3 standard(Variant variant) {
        return new ResSinglestep3(DEFAULT_C2, DEFAULT_C3, variant);
    }

    /** γ of the two γ families. */
    static double gamma(double c2, double c3, Variant variant) {
        double c3Power = variant == Variant.GAMMA_C3_CUBED_RES4LYF ? c3 * c3 * c3 : c3 * c3;
        return (3.0 * c3Power - 2.0 * c3) / (c2 * (2.0 - 3.0 * c2));
    }

    /** The id: the base id, with the parameters appended where they differ from the registry defaults. */
    private String formattedId() {
        if (c2 == DEFAULT_C2 && c3 == DEFAULT_C3) {
            return variant.baseId();
        }
        return variant.baseId() + "(c2=" + c2 + ",c3=" + c3 + ")";
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of(formattedId(),
                switch (variant) {
                    case GAMMA_C3_SQUARED -> "RES-3S, three-stage exponential RK, gamma with c3^2 (spec derivation)";
                    case GAMMA_C3_CUBED_RES4LYF -> "RES-3S as published in RES4LYF, gamma with c3^3";
                    case STIFF_ORDER_3 -> "RES-3S stiff-order-3 weights (spec derivation)";
                } + ", c2=" + c2 + ", c3=" + c3,
                switch (variant) {
                    case GAMMA_C3_SQUARED -> "RES (arXiv 2308.02157) family as in RES4LYF res_3s, gamma corrected to c3^2 "
                            + "(docs/ALGORITHMS.md §3.5, DERIVED)";
                    case GAMMA_C3_CUBED_RES4LYF -> "RES4LYF rk_coefficients.py res_3s / calculate_gamma (published code)";
                    case STIFF_ORDER_3 -> "Hochbruck-Ostermann stiff order-3 conditions, docs/ALGORITHMS.md §3.5 (DERIVED)";
                },
                3, 3, 0);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        double h = c.h(i);
        double phi1 = Phi.phi1(h);
        double phi2 = Phi.phi2(h);
        double phi2AtC2 = Phi.phi2(c2 * h);
        double phi2AtC3 = Phi.phi2(c3 * h);
        double a32;
        double b2;
        double b3;
        if (variant == Variant.STIFF_ORDER_3) {
            double phi3 = Phi.phi3(h);
            b2 = (c3 * phi2 - 2.0 * phi3) / (c2 * (c3 - c2));
            b3 = (2.0 * phi3 - c2 * phi2) / (c3 * (c3 - c2));
            a32 = (c3 * c3 * phi2AtC3 + b2 / b3 * c2 * c2 * phi2AtC2) / c2;
        } else {
            double gamma = gamma(c2, c3, variant);
            a32 = gamma * c2 * phi2AtC2 + c3 * c3 / c2 * phi2AtC3;
            b3 = phi2 / (gamma * c2 + c3);
            b2 = gamma * b3;
        }
        double[][] a = {{}, {c2 * Phi.phi1(c2 * h)}, {c3 * Phi.phi1(c3 * h) - a32, a32}};
        double[] b = {phi1 - b2 - b3, b2, b3};
        return ExponentialRungeKutta.step(c, i, new double[] {0.0, c2, c3}, a, b);
    }
}
