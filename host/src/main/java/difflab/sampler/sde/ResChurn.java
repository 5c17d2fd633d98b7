package difflab.sampler.sde;

import difflab.math.Phi;
import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * RES with EDM-style churn (Zhang, Song, Chen 2023, "Algorithm 2 'RES Single-Step Sampler'" with the Algorithm 1
 * second-order step; docs/ALGORITHMS.md §3.5, the churn VERIFIED in Birch-san's {@code refined_exp_solver.py} and NVIDIA Cosmos
 * {@code differential_equation_solver}; the paper's own η schedule is UNVERIFIED). In EDM coordinates, step i from
 * σ̃ to σ̃<sub>n</sub>:
 * <pre>
 *   σ̂ = σ̃(1 + η_i),   x̂ = x̃ + sqrt(σ̂² − σ̃²)·z                                  (churn, stream 0)
 *   then RES-2S (c2 = ½) from λ̂ = −log σ̂ to λ_n, h = λ_n − λ̂:
 *   x̃_2 = e^{−c2 h}·x̂ + h·a21·D(x̂; σ̂),             a21 = c2·φ1(−c2 h)
 *   x̃'  = e^{−h}·x̂ + h·(b1·D(x̂; σ̂) + b2·D(x̃_2; σ̃_2)),   b2 = φ2(−h)/c2,  b1 = φ1(−h) − b2
 * </pre>
 * written in VP coordinates with σ-ratios and α-factors (docs/ALGORITHMS.md §0.5). The churn fraction η<sub>i</sub> is capped as Cosmos
 * caps it, η<sub>i</sub> ≤ {@link #MAX_ETA} = sqrt(1.2) − 1 (EDM's own cap is sqrt(2) − 1), and follows one of two rules:
 * <ul>
 * <li>{@link EtaRule#PER_STEP}: η<sub>i</sub> = min(η, cap) on every step (Birch-san's per-step {@code ita}). The churned
 * step then has λ-length h + log(1+η), which does not shrink with N, so the output law keeps an O(1) bias as N grows
 * (measured in {@code StochasticKlRateTest}).</li>
 * <li>{@link EtaRule#COSMOS}: η is Cosmos's {@code s_churn} and η<sub>i</sub> = min(η/(N+1), cap) (N steps, N+1 grid
 * points), so the churn vanishes as N grows and the sampler converges like RES-2S.</li>
 * </ul>
 * The churn is an exact forward noising step; the Heun-like RES-2S step carries the error. 2 NFE per step; nominal
 * weak order 2 for the COSMOS rule (RES-2S's order), none for PER_STEP (reported as 0: it does not converge).
 *
 * @param eta  η ≥ 0 (PER_STEP: the churn fraction; COSMOS: s_churn)
 * @param rule how η becomes the per-step churn fraction
 */
public record ResChurn(double eta, EtaRule rule) implements Sampler {
    /** Cosmos's cap on the churn fraction. */
    public static final double MAX_ETA = Math.sqrt(1.2) - 1.0;
    /** RES-2S's stage node (midpoint in λ, Cosmos {@code rk2_mid}). */
    public static final double C2 = 0.5;
    /** The registry's s_churn for the COSMOS rule: the cap is reached for N ≤ 20 steps. */
    public static final double DEFAULT_S_CHURN = 2.0;

    /** How η becomes the churn fraction of each step. */
    public enum EtaRule {
        /** η<sub>i</sub> = min(η, cap). */
        PER_STEP,
        /** η<sub>i</sub> = min(η/(N+1), cap). */
        COSMOS
    }

    public ResChurn {
        if (!(eta >= 0.0 && Double.isFinite(eta))) {
            throw new IllegalArgumentException("RES churn eta=" + eta + "; accepted: finite eta >= 0");
        }
        if (rule == null) {
            throw new IllegalArgumentException("RES churn rule is null; accepted: PER_STEP, COSMOS");
        }
    }

    /** The registry's instance: the COSMOS rule with s_churn = {@link #DEFAULT_S_CHURN}. */
    public ResChurn() {
        this(DEFAULT_S_CHURN, EtaRule.COSMOS);
    }

    /** The id: the base id, with the parameters appended where they differ from the registry defaults. */
    private String formattedId() {
        if (rule == EtaRule.COSMOS && eta == DEFAULT_S_CHURN) {
            return "res-churn";
        }
        return rule == EtaRule.COSMOS ? "res-churn(s_churn=" + eta + ")" : "res-churn(eta=" + eta + ",per-step)";
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of(formattedId(),
                "RES-2S after EDM churn, " + (rule == EtaRule.COSMOS ? "s_churn=" + eta + " (Cosmos rule)"
                        : "per-step eta=" + eta),
                "Zhang, Song, Chen 2023 (arXiv 2308.02157) Algorithm 2; Birch-san refined_exp_solver.py; "
                        + "NVIDIA Cosmos differential_equation_solver (eta cap sqrt(1.2)-1); docs/ALGORITHMS.md §3.5",
                rule == EtaRule.COSMOS ? 2 : 0, 2, 0)
                .withStochastic(eta > 0.0);
    }

    /** The churn fraction η<sub>i</sub> of every step of an N-step run. */
    public double churnFraction(int steps) {
        double raw = rule == EtaRule.COSMOS ? eta / (steps + 1) : eta;
        return Math.min(raw, MAX_ETA);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        double sigmaTilde = c.noiseToSignal(i);
        double churn = churnFraction(c.steps());
        double sigmaHatTilde = sigmaTilde * (1.0 + churn);
        NoiseLevel hat = churn > 0.0 ? NoiseLevel.ofNoiseToSignal(c.schedule(), sigmaHatTilde)
                : new NoiseLevel(c.lambda(i), c.t(i), c.alpha(i), c.sigma(i));
        LinearForm xHatTilde = LinearForm.state().times(1.0 / c.alpha(i));
        if (churn > 0.0) {
            xHatTilde = xHatTilde.plus(LinearForm.noise(0)
                    .times(Math.sqrt(sigmaHatTilde * sigmaHatTilde - sigmaTilde * sigmaTilde)));
        }
        LinearForm xHat = xHatTilde.times(hat.alpha());
        double h = c.lambda(i + 1) - hat.lambda();
        NoiseLevel mid = NoiseLevel.ofNoiseToSignal(c.schedule(), Math.exp(-(hat.lambda() + C2 * h)));
        double a21 = C2 * Phi.phi1(C2 * h);
        double b2 = Phi.phi2(h) / C2;
        double b1 = Phi.phi1(h) - b2;
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef d1 = b.stage(xHat, hat.time(), hat.alpha(), hat.sigma());
        LinearForm stage2 = xHat.times(mid.sigma() / hat.sigma())
                .plus(LinearForm.model(d1).times(mid.alpha() * h * a21));
        EvalRef d2 = b.stage(stage2, mid.time(), mid.alpha(), mid.sigma());
        LinearForm out = xHat.times(c.sigma(i + 1) / hat.sigma())
                .plus(LinearForm.model(d1).times(c.alpha(i + 1) * h * b1))
                .plus(LinearForm.model(d2).times(c.alpha(i + 1) * h * b2));
        return b.output(out);
    }
}
