package difflab.sampler.ode;

import difflab.math.SmallLinearSystem;
import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.MultistepOptions;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * UniPC (Zhao et al. 2023, "UniPC: A Unified Predictor-Corrector Framework for Fast Sampling of Diffusion Models",
 * NeurIPS; Algorithms 1–2 with the B(h) of §3.2, and the official {@code uni_pc.py}
 * {@code multistep_uni_pc_bh_update} and {@code sample}), data prediction, variants B(h) = h ('bh1') and
 * B(h) = e<sup>h</sup> − 1 ('bh2'), multistep predictor UniP-p with or without the corrector UniC-p.
 * Update rule, source and certainty: docs/ALGORITHMS.md §8.8.
 *
 * <p>Step from t<sub>i</sub> to t = t<sub>i+1</sub> at order p, with hh = −h (h = λ<sub>t</sub> − λ<sub>i</sub>), D<sub>0</sub> the
 * evaluation at t<sub>i</sub>, r<sub>k</sub> = (λ<sub>i−k</sub> − λ<sub>i</sub>)/h and D1<sub>k</sub> = (D<sub>i−k</sub> − D<sub>0</sub>)/r<sub>k</sub>
 * for k = 1..p−1:
 * <pre>
 *   x_t⁻ = (σ_t/σ_i)·x − α_t·expm1(hh)·D_0
 *   b_k  = k!·hφ_{k+1}(hh)/B(h)   with hφ_2 = expm1(hh)/hh − 1, hφ_{k+1} = hφ_k/hh − 1/k!    (k = 1..p)
 *   R    = [r_j^(k−1)]_{k,j}  (p×p, with r_p = 1)
 *   UniP:  x̃_t = x_t⁻ − α_t·B(h)·Σ_k ρ^p_k·D1_k,   ρ^p solves R[:p−1,:p−1]·ρ = b[:p−1]  (ρ^p = ½ at p = 2)
 *   UniC:  x_t  = x_t⁻ − α_t·B(h)·(Σ_k ρ^c_k·D1_k + ρ^c_p·(D(x̃_t, t) − D_0)),   ρ^c solves R·ρ = b  (ρ^c = ½ at p = 1)
 * </pre>
 * With the corrector the one evaluation per step is D(x̃<sub>t</sub>, t), made at the new grid point: it corrects
 * this step and is the D<sub>0</sub> of the next one, which also starts from the corrected x<sub>t</sub>. It is named
 * {@link EvalRef#atGridPoint} of t<sub>i+1</sub>; the first step also evaluates D(x<sub>0</sub>, t<sub>0</sub>). As in the official
 * code the last step runs the predictor only (no evaluation at t<sub>N</sub>), so a run costs N evaluations, and the
 * order is min(p, i + 1) at step i (warm-up) and, with lower-order-final, min(p, N − i). The corrector raises the
 * nominal order from p to p + 1. Without the corrector (UniP only) each step evaluates D(x<sub>i</sub>, t<sub>i</sub>) at its
 * start, which is the same evaluation.
 *
 * @param order     p in 1..3
 * @param variant   B(h)
 * @param corrector whether UniC runs after every step but the last
 * @param options   warm-up / lower-order-final rules (the official default lowers the order at any step count)
 */
public record UniPc(int order, Variant variant, boolean corrector, MultistepOptions options) implements Sampler {

    /** The official choices of B(h). */
    public enum Variant {
        /** B(h) = h. */
        BH1("bh1"),
        /** B(h) = e<sup>h</sup> − 1. */
        BH2("bh2");

        private final String id;

        Variant(String id) {
            this.id = id;
        }

        /** The official name. */
        public String id() {
            return id;
        }

        double b(double hh) {
            return this == BH1 ? hh : Math.expm1(hh);
        }
    }

    public UniPc {
        if (order < 1 || order > 3) {
            throw new IllegalArgumentException("UniPC order=" + order + "; accepted: 1, 2, 3");
        }
    }

    /** The official sampler's defaults: lower-order-final on at any step count. */
    public static UniPc standard(int order, Variant variant, boolean corrector) {
        return new UniPc(order, variant, corrector, new MultistepOptions(MultistepOptions.LowerOrderFinal.ALWAYS));
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of("unipc-" + variant.id() + "-" + order + (corrector ? "" : "-p"),
                "UniPC-" + order + " (" + variant.id() + ", data prediction) " + (corrector ? "with the UniC corrector"
                        : "predictor UniP only") + ", multistep",
                "Zhao et al. 2023, UniPC Algorithms 1-2, B(h) " + variant.id()
                        + "; official uni_pc.py multistep_uni_pc_bh_update",
                corrector ? order + 1 : order, 1, corrector ? order : order - 1);
    }

    @Override
    public Sampler forOrderStudy() {
        return new UniPc(order, variant, corrector, MultistepOptions.noLowerOrderFinal());
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        int p = options.effectiveOrder(order, i, c.steps());
        EvalRef d0 = corrector && i > 0 ? EvalRef.atGridPoint(c, i)
                : b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        double hh = -c.h(i);
        double bh = variant.b(hh);
        double alphaT = c.alpha(i + 1);
        Differences diff = Differences.of(c, i, p, d0);
        double[] bVector = bVector(p, hh, bh);
        LinearForm predicted = diff.base();
        if (p >= 2) {
            double[] rhoP = p == 2 ? new double[] {0.5}
                    : SmallLinearSystem.solve(powers(diff.r(), p - 1), prefix(bVector, p - 1));
            predicted = diff.base().minus(weighted(rhoP, diff.d1()).times(alphaT * bh));
        }
        if (!corrector || c.isLast(i)) {
            return b.output(predicted);
        }
        EvalRef dt = b.stage(predicted, EvalRef.atGridPoint(c, i + 1));
        return b.output(corrected(diff.base(), diff.m0(), diff.d1(), diff.r(), bVector, dt, alphaT * bh));
    }

    /**
     * The UniC-p result of step i after any predictor whose output was evaluated as {@code dt} at t<sub>i+1</sub>, from
     * the evaluation {@code d0} at t<sub>i</sub> and those at t<sub>i−1</sub>, …, t<sub>i−p+1</sub> (the formula above; used by
     * {@link DpmSolverPlusPlus2MUniC}).
     */
    static LinearForm uniC(SamplingContext c, int i, int p, Variant variant, EvalRef d0, EvalRef dt) {
        double hh = -c.h(i);
        double alphaT = c.alpha(i + 1);
        Differences diff = Differences.of(c, i, p, d0);
        double bh = variant.b(hh);
        return corrected(diff.base(), diff.m0(), diff.d1(), diff.r(), bVector(p, hh, bh), dt, alphaT * bh);
    }

    /**
     * What UniP and UniC both build from step i's history: the first-order part {@code base} = (σ_{i+1}/σ_i)·x −
     * α_{i+1}·expm1(−h)·D_i, {@code m0} = D_i, the ratios r_k = (λ_{i−k} − λ_i)/h (r_p = 1) and the scaled differences
     * d1_k = (D_{i−k} − D_i)/r_k, k = 1 … p−1 (docs/ALGORITHMS.md §8.8).
     */
    private record Differences(LinearForm base, LinearForm m0, double[] r, LinearForm[] d1) {
        static Differences of(SamplingContext c, int i, int p, EvalRef d0) {
            double h = c.h(i);
            double alphaT = c.alpha(i + 1);
            LinearForm m0 = LinearForm.model(d0);
            LinearForm base = LinearForm.state().times(c.sigma(i + 1) / c.sigma(i))
                    .minus(m0.times(alphaT * Math.expm1(-h)));
            double[] r = new double[p];
            LinearForm[] d1 = new LinearForm[p - 1];
            for (int k = 1; k < p; k++) {
                r[k - 1] = (c.lambda(i - k) - c.lambda(i)) / h;
                d1[k - 1] = LinearForm.model(EvalRef.atGridPoint(c, i - k)).minus(m0).times(1.0 / r[k - 1]);
            }
            r[p - 1] = 1.0;
            return new Differences(base, m0, r, d1);
        }
    }

    /** x<sub>t</sub>⁻ − α<sub>t</sub>B(h)·(Σ<sub>k</sub> ρ<sup>c</sup><sub>k</sub>·D1<sub>k</sub> + ρ<sup>c</sup><sub>p</sub>·(D(x̃<sub>t</sub>, t) − D<sub>0</sub>)), ρ<sup>c</sup> solving R·ρ = b. */
    private static LinearForm corrected(LinearForm base, LinearForm m0, LinearForm[] d1, double[] r, double[] bVector,
                                        EvalRef dt, double alphaTimesB) {
        int p = r.length;
        double[] rhoC = p == 1 ? new double[] {0.5} : SmallLinearSystem.solve(powers(r, p), bVector);
        LinearForm correction = weighted(rhoC, d1).plus(LinearForm.model(dt).minus(m0).times(rhoC[p - 1]));
        return base.minus(correction.times(alphaTimesB));
    }

    /** b<sub>k</sub> = k!·hφ<sub>k+1</sub>(hh)/B(h), k = 1..p, by the official recursion. */
    static double[] bVector(int p, double hh, double bh) {
        double[] b = new double[p];
        double hPhiK = Math.expm1(hh) / hh - 1.0;
        double factorial = 1.0;
        for (int k = 1; k <= p; k++) {
            b[k - 1] = hPhiK * factorial / bh;
            factorial *= k + 1;
            hPhiK = hPhiK / hh - 1.0 / factorial;
        }
        return b;
    }

    /** The n×n matrix [r<sub>j</sub><sup>k</sup>]<sub>k,j</sub>, k = 0..n−1. */
    private static double[][] powers(double[] r, int n) {
        double[][] m = new double[n][n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                m[k][j] = Math.pow(r[j], k);
            }
        }
        return m;
    }

    private static double[] prefix(double[] v, int n) {
        return java.util.Arrays.copyOf(v, n);
    }

    /** Σ<sub>k</sub> w<sub>k</sub>·f<sub>k</sub> over the first f.length weights. */
    private static LinearForm weighted(double[] w, LinearForm[] f) {
        LinearForm sum = LinearForm.zero();
        for (int k = 0; k < f.length; k++) {
            sum = sum.plus(f[k].times(w[k]));
        }
        return sum;
    }
}
