package difflab.sampler.ode;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * Builds the coefficient program of one explicit exponential Runge–Kutta step in λ from its tableau (docs/ALGORITHMS.md §0.5,
 * DERIVED from the variation-of-constants formula §0.3). Step s → t, h = λ<sub>t</sub> − λ<sub>s</sub>, nodes
 * c<sub>1</sub> = 0 &lt; c<sub>k</sub> ≤ 1, D<sub>j</sub> = D(x<sup>(j)</sup>, λ<sub>s</sub> + c<sub>j</sub>h):
 * <pre>
 *   x^(k) = (σ_{c_k}/σ_s)·x + α_{c_k}·h·Σ_{j&lt;k} a_kj·D_j
 *   x_t   = (σ_t/σ_s)·x     + α_t·h·Σ_k b_k·D_k
 * </pre>
 * This is the VP form of the EDM-coordinate step x̃' = e<sup>−h</sup>x̃ + hΣb<sub>k</sub>D<sub>k</sub> used by
 * k-diffusion, Cosmos and RES4LYF (x = αx̃, σ<sub>t</sub>/σ<sub>s</sub> = e<sup>−h</sup>α<sub>t</sub>/α<sub>s</sub>). The a and b
 * entries are the φ-function combinations of the tableau, without the factor h.
 */
final class ExponentialRungeKutta {
    private ExponentialRungeKutta() {
    }

    /**
     * The program of step {@code i} for the tableau (nodes, a, b).
     *
     * @param nodes c<sub>k</sub>, with c<sub>1</sub> = 0
     * @param a     a<sub>kj</sub> for j &lt; k (row k has k entries; row 0 is empty)
     * @param b     b<sub>k</sub>
     */
    static StepProgram step(SamplingContext c, int i, double[] nodes, double[][] a, double[] b) {
        if (nodes.length != b.length || a.length != b.length || nodes[0] != 0.0) {
            throw new IllegalArgumentException("inconsistent exponential RK tableau: " + nodes.length + " nodes, "
                    + a.length + " rows, " + b.length + " weights, c1=" + nodes[0] + " (accepted: equal sizes, c1 = 0)");
        }
        double h = c.h(i);
        double sigmaS = c.sigma(i);
        StepProgram.Builder builder = StepProgram.builder(i);
        EvalRef[] refs = new EvalRef[nodes.length];
        for (int k = 0; k < nodes.length; k++) {
            StageTime at = StageTime.of(c, i, nodes[k]);
            LinearForm input = LinearForm.state().times(at.sigma() / sigmaS);
            if (k == 0) {
                input = LinearForm.state();
            }
            for (int j = 0; j < k; j++) {
                input = input.plus(LinearForm.model(refs[j]).times(at.alpha() * h * a[k][j]));
            }
            refs[k] = builder.stage(input, at.time(), at.alpha(), at.sigma());
        }
        LinearForm out = LinearForm.state().times(c.sigma(i + 1) / sigmaS);
        for (int k = 0; k < b.length; k++) {
            out = out.plus(LinearForm.model(refs[k]).times(c.alpha(i + 1) * h * b[k]));
        }
        return builder.output(out);
    }
}
