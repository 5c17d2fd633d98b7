package difflab.sampler;

import difflab.backend.java.JavaBackend;
import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.run.SamplingJob;
import difflab.sampler.ode.LiAcceleratedOdeCode;
import difflab.sampler.ode.LiAcceleratedOdePaper.TerminalStep;
import difflab.sampler.ode.LiAcceleratedOdePaper;
import difflab.sampler.ode.LiDdimType;
import difflab.schedule.DiscreteSchedule;
import difflab.target.GaussianMixtureTarget;
import difflab.target.Target;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Li et al. coefficient programs against direct transcriptions of their published recursions, written in the
 * papers' discrete-time notation (docs/ALGORITHMS.md §0.1, §1.2, §1.4) on the chain of {@link DiscreteSchedule#liEtAl} itself:
 * β<sub>t</sub> from {@link DiscreteSchedule#liBetas}, ᾱ<sub>t</sub> = Π<sub>k≤t</sub>(1 − β<sub>k</sub>), the model from the target's oracles,
 * and for {@code li-ode-code} the loop structure of {@code generalized_steps_accelerated} (previous_output,
 * term1…term6, the NaN check). This checks the grid-to-chain mapping and the transcription of each formula,
 * independently of the {@link LinearForm} algebra. Target: a 2-D Gaussian mixture, so the model is nonlinear.
 */
class LiChainTranscriptionTest {
    static final int CHAIN = 64;
    static final double C0 = 2.0;
    static final double C1 = 6.0;
    /** Absolute agreement; the two sides differ only in rounding (e.g. sqrt(1−ᾱ) against the schedule's σ). */
    static final double TOLERANCE = 1e-9;

    private final Target target = GaussianMixtureTarget.standard(2, 3, true);
    private final double[] betas = DiscreteSchedule.liBetas(CHAIN, C0, C1);
    private final double[] alphaBar = cumulative(betas);

    private static double[] cumulative(double[] betas) {
        double[] ab = new double[betas.length + 1];
        ab[0] = 1.0;
        for (int t = 1; t <= betas.length; t++) {
            ab[t] = ab[t - 1] * (1.0 - betas[t - 1]);
        }
        return ab;
    }

    private double beta(int t) {
        return betas[t - 1];
    }

    private double[] score(double ab, double[] y) {
        return target.score(Math.sqrt(ab), Math.sqrt(1.0 - ab), y);
    }

    /** generalized_steps_accelerated, one particle, from Y_T to Y_1. */
    private double[] codeForm(double[] start) {
        double[] y = start.clone();
        double[] previousOutput = null;
        double atPrev = Double.NaN;
        for (int t = CHAIN; t >= 2; t--) {
            double at = alphaBar[t];
            double atNext = alphaBar[t - 1];
            double[] et = target.noisePrediction(Math.sqrt(at), Math.sqrt(1.0 - at), y);
            double[] next = new double[y.length];
            for (int j = 0; j < y.length; j++) {
                next[j] = Math.sqrt(atNext) / Math.sqrt(at) * y[j]
                        + (Math.sqrt(1 - atNext) - Math.sqrt(atNext) / Math.sqrt(at) * Math.sqrt(1 - at)) * et[j];
            }
            if (previousOutput != null) {
                double term1 = Math.sqrt(atNext) / (at - atPrev);
                double term2 = at * Math.sqrt(1 - atNext) / Math.sqrt(atNext);
                double term3 = Math.asin(Math.sqrt(atNext));
                double term4 = at * Math.sqrt(1 - at) / Math.sqrt(at);
                double term5 = Math.asin(Math.sqrt(at));
                double[] full = new double[y.length];
                boolean nan = false;
                for (int j = 0; j < y.length; j++) {
                    full[j] = term1 * (term2 + term3 - term4 - term5) * (previousOutput[j] - et[j]);
                    nan |= Double.isNaN(full[j]);
                }
                if (!nan) {
                    for (int j = 0; j < y.length; j++) {
                        next[j] += full[j];
                    }
                }
            }
            previousOutput = et;
            atPrev = at;
            y = next;
        }
        return y;
    }

    /** Y_{t−1} = (1/sqrt α_t)(Y_t + ((1−α_t)/2) s_t(Y_t)). */
    private double[] ddimTypeStep(int t, double[] y) {
        double[] s = score(alphaBar[t], y);
        double[] next = new double[y.length];
        for (int j = 0; j < y.length; j++) {
            next[j] = (y[j] + beta(t) / 2.0 * s[j]) / Math.sqrt(1.0 - beta(t));
        }
        return next;
    }

    private double[] ddimType(double[] start) {
        double[] y = start.clone();
        for (int t = CHAIN; t >= 2; t--) {
            y = ddimTypeStep(t, y);
        }
        return y;
    }

    /** docs/ALGORITHMS.md §1.4 A, with α<sub>T+1</sub> := α<sub>T</sub> at t = T when {@code repeatAlpha}, else a DDIM-type first step. */
    private double[] paperForm(double[] start, boolean repeatAlpha) {
        double[] y = start.clone();
        for (int t = CHAIN; t >= 2; t--) {
            if (t == CHAIN && !repeatAlpha) {
                y = ddimTypeStep(t, y);
                continue;
            }
            double betaT = beta(t);
            double betaPrev = t == CHAIN ? betaT : beta(t + 1);
            double alphaBarPrev = t == CHAIN ? alphaBar[t] * (1.0 - betaT) : alphaBar[t + 1];
            double[] s = score(alphaBar[t], y);
            double[] back = new double[y.length];
            for (int j = 0; j < y.length; j++) {
                back[j] = Math.sqrt(1.0 - betaPrev) * (y[j] - betaPrev / 2.0 * s[j]);
            }
            double[] sBack = score(alphaBarPrev, back);
            double[] next = new double[y.length];
            for (int j = 0; j < y.length; j++) {
                next[j] = (y[j] + betaT / 2.0 * s[j]
                        + betaT * betaT / (4.0 * betaPrev) * (s[j] - Math.sqrt(1.0 - betaPrev) * sBack[j]))
                        / Math.sqrt(1.0 - betaT);
            }
            y = next;
        }
        return y;
    }

    private interface Transcription {
        double[] run(double[] start);
    }

    private void assertMatches(Sampler sampler, Transcription transcription) {
        DiscreteSchedule schedule = DiscreteSchedule.liEtAl(CHAIN, C0, C1);
        SamplingContext ctx = LiScheduleOrderTest.chainContext(schedule, CHAIN);
        Particles init = InitialNoise.standardNormal(6, 2, SamplerOrderContract.SEED);
        Particles out = new JavaBackend(1).sample(new SamplingJob(sampler, ctx, target, init,
                SamplerOrderContract.SEED)).particles();
        for (int p = 0; p < init.count(); p++) {
            double[] expected = transcription.run(init.particle(p));
            for (int j = 0; j < 2; j++) {
                assertEquals(expected[j], out.get(p, j), TOLERANCE, sampler.id() + " particle " + p + " coord " + j);
            }
        }
    }

    @Test
    void codeFormMatchesTheOfficialLoop() {
        assertMatches(new LiAcceleratedOdeCode(), this::codeForm);
    }

    @Test
    void ddimTypeBaselineMatchesItsRecursion() {
        assertMatches(new LiDdimType(), this::ddimType);
    }

    @Test
    void paperFormMatchesTheReconstructedRecursion() {
        assertMatches(new LiAcceleratedOdePaper(TerminalStep.DDIM_TYPE), start -> paperForm(start, false));
        assertMatches(new LiAcceleratedOdePaper(TerminalStep.REPEAT_ALPHA), start -> paperForm(start, true));
    }
}
