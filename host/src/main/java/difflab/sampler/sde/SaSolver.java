package difflab.sampler.sde;

import difflab.math.Phi;
import difflab.math.SmallLinearSystem;
import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.MultistepOptions;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * SA-Solver (Xue et al. 2023, "SA-Solver: Stochastic Adams Solver for Fast Sampling of Diffusion Models", NeurIPS,
 * arXiv 2309.05019; data-prediction SA-Predictor and SA-Corrector, whose Lagrange-interpolation coefficients are
 * Eqs. (15) and (18) as the official code cites them; official code github.com/scxue/SA-Solver and its diffusers port
 * {@code SASolverScheduler}: {@code get_coefficients_exponential_positive}, {@code stochastic_adams_bashforth_update},
 * {@code stochastic_adams_moulton_update}, {@code step}), with a constant stochasticity τ.
 *
 * <p>Step from s = t<sub>i</sub> to t = t<sub>i+1</sub>, h = λ<sub>t</sub> − λ<sub>s</sub>, κ = 1 + τ², with the data predictions D<sub>k</sub> at
 * the nodes λ<sub>k</sub> of an m-point Lagrange basis ℓ<sub>k</sub> and one standard normal z per step:
 * <pre>
 *   x_t = e^{−τ²h}(σ_t/σ_s)·x_s + κ·σ_t·e^{−τ²λ_t}·Σ_k D_k·∫_{λ_s}^{λ_t} e^{κλ}ℓ_k(λ)dλ + σ_t·sqrt(1 − e^{−2τ²h})·z
 * </pre>
 * With u = (λ − λ<sub>t</sub>)/h and nodes ρ<sub>k</sub> = (λ<sub>k</sub> − λ<sub>t</sub>)/h the D-coefficient is κ·α<sub>t</sub>·h·w<sub>k</sub>, where w solves
 * Σ<sub>k</sub> w<sub>k</sub>ρ<sub>k</sub><sup>j</sup> = ∫<sub>−1</sub><sup>0</sup> e<sup>κhu</sup>u<sup>j</sup>du (j &lt; m): the same integral as the official
 * closed forms (which integrate e<sup>κλ</sup>λ<sup>j</sup> by parts in absolute λ), evaluated here with the stable
 * φ-functions. The predictor (order p) interpolates D at λ<sub>i</sub>, …, λ<sub>i−p+1</sub> and gives x̃<sub>t</sub>; the model is
 * evaluated once, at (x̃<sub>t</sub>, t), and the corrector (order c) re-integrates the same step from x<sub>s</sub> with the
 * nodes λ<sub>i+1</sub>, λ<sub>i</sub>, …, λ<sub>i−c+2</sub> and the same z. As in the official code, at order 2 both add the
 * official O(h³) modification (κα<sub>t</sub>h²·κh·φ₃(−κh)/(λ<sub>i</sub> − λ<sub>i−1</sub>) to the newest D and minus that to the
 * other, predictor; κα<sub>t</sub>h·κh·φ₃(−κh) for the corrector), the evaluation at the new point is the history of
 * later steps (named {@link EvalRef#atGridPoint}, like UniPC), the last step runs the predictor only (N evaluations
 * a run), the warm-up uses order min(p, i + 1) for the predictor and min(c, i + 2) for the corrector, and
 * lower-order-final lowers the predictor to min(p, N − i) (it never binds the corrector for c ≤ 3).
 *
 * <p>docs/ALGORITHMS.md §8.6. τ = 0 is the deterministic case (a multistep exponential Adams predictor–corrector for the probability-flow ODE),
 * nominal order min(c, p + 1) (Adams–Moulton with c nodes, fed by a predictor of local order p + 1). For τ &gt; 0 the
 * nominal weak order is taken as that of the drift, the same min(c, p + 1); the official scheduler's default τ is a
 * time window (τ = 1 for discrete t in [200, 800], else 0), which difflab does not reproduce: τ here is constant.
 *
 * @param predictorOrder p in 1..3
 * @param correctorOrder c in 1..3
 * @param tau            τ ≥ 0
 * @param options        lower-order-final rule (the official default lowers the predictor at any step count)
 */
public record SaSolver(int predictorOrder, int correctorOrder, double tau, MultistepOptions options) implements Sampler {
    /** The diffusers {@code SASolverScheduler} default orders (the authors recommend 3 and 3 for unconditional sampling). */
    public static final int DEFAULT_ORDER = 2;
    /** τ = 1: the "vanilla diffusion SDE" setting of the official code (its default within its τ window). */
    public static final double DEFAULT_TAU = 1.0;

    public SaSolver {
        if (predictorOrder < 1 || predictorOrder > 3) {
            throw new IllegalArgumentException("SA-Solver predictor order=" + predictorOrder + "; accepted: 1, 2, 3");
        }
        if (correctorOrder < 1 || correctorOrder > 3) {
            throw new IllegalArgumentException("SA-Solver corrector order=" + correctorOrder + "; accepted: 1, 2, 3");
        }
        if (!(tau >= 0.0 && Double.isFinite(tau))) {
            throw new IllegalArgumentException("SA-Solver tau=" + tau + "; accepted: finite tau >= 0");
        }
    }

    /** The official defaults for orders p, c and stochasticity τ: lower-order-final at any step count. */
    public static SaSolver standard(int predictorOrder, int correctorOrder, double tau) {
        return new SaSolver(predictorOrder, correctorOrder, tau,
                new MultistepOptions(MultistepOptions.LowerOrderFinal.ALWAYS));
    }

    private String formattedId() {
        String orders = predictorOrder == DEFAULT_ORDER && correctorOrder == DEFAULT_ORDER ? ""
                : predictorOrder == correctorOrder ? "-" + predictorOrder : "-p" + predictorOrder + "c" + correctorOrder;
        String noise = tau == DEFAULT_TAU ? "" : tau == 0.0 ? "-tau0" : "(tau=" + tau + ")";
        return "sa-solver" + orders + noise;
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of(formattedId(),
                "SA-Solver (stochastic Adams, data prediction), predictor order " + predictorOrder + ", corrector order "
                        + correctorOrder + ", tau=" + tau,
                "Xue et al. 2023, SA-Solver Eqs. (15), (18); official SA-Solver / diffusers SASolverScheduler",
                Math.min(correctorOrder, predictorOrder + 1), 1, Math.max(predictorOrder, correctorOrder - 1))
                .withStochastic(tau > 0.0);
    }

    @Override
    public Sampler forOrderStudy() {
        return new SaSolver(predictorOrder, correctorOrder, tau, MultistepOptions.noLowerOrderFinal());
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef di = i > 0 ? EvalRef.atGridPoint(c, i) : b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
        int p = options.effectiveOrder(predictorOrder, i, c.steps());
        EvalRef[] predictorNodes = new EvalRef[p];
        predictorNodes[0] = di;
        for (int k = 1; k < p; k++) {
            predictorNodes[k] = EvalRef.atGridPoint(c, i - k);
        }
        LinearForm predicted = update(c, i, predictorNodes, true);
        if (c.isLast(i)) {
            return b.output(predicted);
        }
        EvalRef dt = b.stage(predicted, EvalRef.atGridPoint(c, i + 1));
        int q = Math.min(correctorOrder, i + 2);
        EvalRef[] correctorNodes = new EvalRef[q];
        correctorNodes[0] = dt;
        for (int k = 1; k < q; k++) {
            correctorNodes[k] = k == 1 ? di : EvalRef.atGridPoint(c, i + 1 - k);
        }
        return b.output(update(c, i, correctorNodes, false));
    }

    /**
     * x<sub>t</sub> of step i from x<sub>i</sub>, the evaluations {@code nodes} (newest first; their λ from the grid) and noise
     * stream 0, with the official order-2 modification of the predictor or the corrector.
     */
    private LinearForm update(SamplingContext c, int i, EvalRef[] nodes, boolean predictor) {
        double h = c.h(i);
        double tau2 = tau * tau;
        double kappa = 1.0 + tau2;
        double bigH = kappa * h;
        double alphaT = c.alpha(i + 1);
        double lambdaT = c.lambda(i + 1);
        int m = nodes.length;
        double[] rho = new double[m];
        for (int k = 0; k < m; k++) {
            rho[k] = (c.lambda(nodes[k].point()) - lambdaT) / h;
        }
        double[] w = SmallLinearSystem.solve(vandermonde(rho), exponentialMoments(bigH, m));
        double[] coefficient = new double[m];
        for (int k = 0; k < m; k++) {
            coefficient[k] = kappa * alphaT * h * w[k];
        }
        if (m == 2) {
            double spacing = predictor ? c.lambda(nodes[0].point()) - c.lambda(nodes[1].point()) : h;
            double modification = kappa * alphaT * h * h * bigH * Phi.phi3(bigH) / spacing;
            coefficient[0] += modification;
            coefficient[1] -= modification;
        }
        LinearForm out = LinearForm.state().times(Math.exp(-tau2 * h) * c.sigma(i + 1) / c.sigma(i));
        for (int k = 0; k < m; k++) {
            out = out.plus(LinearForm.model(nodes[k]).times(coefficient[k]));
        }
        if (tau2 > 0.0) {
            out = out.plus(LinearForm.noise(0).times(c.sigma(i + 1) * Math.sqrt(-Math.expm1(-2.0 * tau2 * h))));
        }
        return out;
    }

    /**
     * ∫<sub>−1</sub><sup>0</sup> e<sup>Hu</sup>u<sup>j</sup>du for j = 0..m−1 (m ≤ 3) = (−1)<sup>j</sup>∫<sub>0</sub><sup>1</sup> e<sup>−Hs</sup>s<sup>j</sup>ds, written with
     * φ<sub>k+1</sub>(−H) = ∫<sub>0</sub><sup>1</sup> e<sup>−Hs</sup>(1−s)<sup>k</sup>/k! ds: the s-moments are φ₁, φ₁ − φ₂ and φ₁ − 2φ₂ + 2φ₃.
     */
    static double[] exponentialMoments(double bigH, int m) {
        double phi1 = Phi.phi1(bigH);
        double phi2 = Phi.phi2(bigH);
        double phi3 = Phi.phi3(bigH);
        double[] all = {phi1, -(phi1 - phi2), phi1 - 2.0 * phi2 + 2.0 * phi3};
        return java.util.Arrays.copyOf(all, m);
    }

    /** [ρ<sub>k</sub><sup>j</sup>]<sub>j,k</sub>. */
    private static double[][] vandermonde(double[] rho) {
        int m = rho.length;
        double[][] v = new double[m][m];
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < m; k++) {
                v[j][k] = Math.pow(rho[k], j);
            }
        }
        return v;
    }
}
