package difflab.sampler.sde;

import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * EDM's stochastic sampler, Karras, Aittala, Aila, Laine 2022, Algorithm 2 (VERIFIED against the official
 * {@code edm_sampler} and k-diffusion {@code sample_heun}). In EDM coordinates x̃ = x/α, σ̃ = σ/α, step i from σ̃ to
 * σ̃<sub>n</sub> over an N-step grid:
 * <pre>
 *   γ   = min(S_churn/N, sqrt(2) − 1)  if S_tmin ≤ σ̃ ≤ S_tmax, else 0
 *   σ̂  = σ̃(1 + γ),   x̂ = x̃ + sqrt(σ̂² − σ̃²)·S_noise·z                 (churn, stream 0)
 *   d   = (x̂ − D(x̂; σ̂))/σ̂,   x̃_E = x̂ + (σ̃_n − σ̂)·d                  (Euler)
 *   d'  = (x̃_E − D(x̃_E; σ̃_n))/σ̃_n,   x̃' = x̂ + (σ̃_n − σ̂)·(d + d')/2    (Heun correction)
 * </pre>
 * EDM skips the correction only on a step to σ̃ = 0; VP grids end at t<sub>0</sub> &gt; 0, so every step here is a Heun
 * step (k-diffusion's condition {@code sigmas[i+1] == 0}). Stage points in VP coordinates are α̂·x̂ at the churned
 * level ({@link NoiseLevel}) and α<sub>n</sub>·x̃<sub>E</sub>; the output is α<sub>n</sub>·x̃'.
 *
 * <p>2 NFE per step. The churn is an exact forward noising step, so the error in law comes from the Heun steps:
 * nominal weak order 2 as long as S_noise = 1 (S_noise &gt; 1 adds variance that does not vanish as N grows).
 *
 * @param sChurn S_churn ≥ 0 (total churn; 0 makes the sampler deterministic Heun)
 * @param sTMin  S_tmin, the lowest σ̃ that is churned
 * @param sTMax  S_tmax, the highest σ̃ that is churned
 * @param sNoise S_noise &gt; 0, the noise inflation
 */
public record EdmStochasticHeun(double sChurn, double sTMin, double sTMax, double sNoise) implements Sampler {
    /** EDM's cap on γ. */
    public static final double MAX_GAMMA = Math.sqrt(2.0) - 1.0;
    /** The registry's S_churn (EDM's ImageNet-64 value; with S_tmin = 0, S_tmax = ∞, S_noise = 1). */
    public static final double DEFAULT_S_CHURN = 40.0;

    public EdmStochasticHeun {
        if (!(sChurn >= 0.0 && Double.isFinite(sChurn))) {
            throw new IllegalArgumentException("EDM S_churn=" + sChurn + "; accepted: finite S_churn >= 0");
        }
        if (!(sTMin >= 0.0 && sTMax >= sTMin)) {
            throw new IllegalArgumentException("EDM churn range [S_tmin, S_tmax] = [" + sTMin + ", " + sTMax
                    + "]; accepted: 0 <= S_tmin <= S_tmax (S_tmax may be infinite)");
        }
        if (!(sNoise > 0.0 && Double.isFinite(sNoise))) {
            throw new IllegalArgumentException("EDM S_noise=" + sNoise + "; accepted: finite S_noise > 0");
        }
    }

    /** S_churn = {@link #DEFAULT_S_CHURN}, churn at every level, S_noise = 1. */
    public EdmStochasticHeun() {
        this(DEFAULT_S_CHURN, 0.0, Double.POSITIVE_INFINITY, 1.0);
    }

    /** The id: the base id, with the parameters appended where they differ from the registry defaults. */
    private String formattedId() {
        boolean standard = sChurn == DEFAULT_S_CHURN && sTMin == 0.0 && sTMax == Double.POSITIVE_INFINITY && sNoise == 1.0;
        return standard ? "edm-stochastic-heun"
                : "edm-stochastic-heun(S_churn=" + sChurn + ",S_tmin=" + sTMin + ",S_tmax=" + sTMax + ",S_noise="
                        + sNoise + ")";
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of(formattedId(),
                "EDM Algorithm 2: churn then Heun step, S_churn=" + sChurn + ", S_noise=" + sNoise,
                "Karras, Aittala, Aila, Laine 2022 (EDM), Algorithm 2; official edm_sampler",
                2, 2, 0)
                .withStochastic(sChurn > 0.0);
    }

    /** γ of step i. */
    public double gamma(SamplingContext c, int i) {
        double sigma = c.noiseToSignal(i);
        return sTMin <= sigma && sigma <= sTMax ? Math.min(sChurn / c.steps(), MAX_GAMMA) : 0.0;
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        double sigma = c.noiseToSignal(i);
        double sigmaNext = c.noiseToSignal(i + 1);
        double gamma = gamma(c, i);
        double sigmaHat = sigma * (1.0 + gamma);
        NoiseLevel hat = gamma > 0.0 ? NoiseLevel.ofNoiseToSignal(c.schedule(), sigmaHat)
                : new NoiseLevel(c.lambda(i), c.t(i), c.alpha(i), c.sigma(i));
        double alphaNext = c.alpha(i + 1);
        LinearForm xHat = LinearForm.state().times(1.0 / c.alpha(i));
        if (gamma > 0.0) {
            double churn = Math.sqrt(sigmaHat * sigmaHat - sigma * sigma) * sNoise;
            xHat = xHat.plus(LinearForm.noise(0).times(churn));
        }
        StepProgram.Builder b = StepProgram.builder(i);
        EvalRef d1 = b.stage(xHat.times(hat.alpha()), hat.time(), hat.alpha(), hat.sigma());
        double dt = sigmaNext - sigmaHat;
        LinearForm slope1 = xHat.minus(LinearForm.model(d1)).times(1.0 / sigmaHat);
        LinearForm euler = xHat.plus(slope1.times(dt));
        EvalRef d2 = b.stage(euler.times(alphaNext), c.t(i + 1), alphaNext, c.sigma(i + 1));
        LinearForm slope2 = euler.minus(LinearForm.model(d2)).times(1.0 / sigmaNext);
        LinearForm heun = xHat.plus(slope1.plus(slope2).times(0.5 * dt));
        return b.output(heun.times(alphaNext));
    }
}
