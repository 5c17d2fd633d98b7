package difflab.sampler.sde;

import difflab.exact.AffineLawPropagator;
import difflab.exact.InitialLaw;
import difflab.grid.GridType;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.DiscreteSchedule;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianTarget;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact-KL rates of the stochastic samplers on a Gaussian target (docs/ALGORITHMS.md §7.3, §7.4: KL ~ error², so the KL slope is
 * twice the weak order). Exact law by {@link AffineLawPropagator}; KL(q ‖ p<sub>alg</sub>) against the noised marginal at
 * t<sub>0</sub>, started from the exact marginal at t<sub>T</sub> so that no initialisation error floors the slope. Target:
 * the diagonal standard Gaussian in d = 4 (eigenvalues 0.05 … 2). Linear VP schedule, uniform log-SNR grid, t 1 → 1e-3.
 *
 * <p>The measured slopes are printed as {@code [kl-rate]} lines and listed in the README.
 */
public class StochasticKlRateTest {
    /** Allowed |measured KL slope − 2 × nominal weak order|. */
    static final double SLOPE_TOLERANCE = 0.25;
    static final double T_START = 1.0;
    static final double T_END = 1e-3;
    static final int[] FIRST_ORDER_WINDOW = {64, 128, 256, 512};
    /** EDM's churn γ = S_churn/N reaches its cap below N ≈ 97, so its asymptotic window starts later. */
    static final int[] SECOND_ORDER_WINDOW = {128, 256, 512, 1024};

    /**
     * The stochastic samplers whose KL slope is asserted: every registered stochastic sampler has a row here
     * ({@code OrderTableCoverageTest}); a new one adds its id.
     */
    public static final List<String> IDS = List.of("ddpm-ancestral", "ddpm-ancestral-beta", "ddpm-li", "ddim-eta",
            "euler-ancestral", "li-sde", "dpmpp-2m-sde", "dpmpp-2m-sde-heun", "res-churn", "edm-stochastic-heun",
            "dpm2-ancestral", "dpmpp-sde", "dpmpp-3m-sde", "sa-solver", "sa-solver-3");

    /**
     * Samplers whose measured KL slope is not twice their registered nominal order: the weak order asserted instead,
     * with why. Each is a finding listed in the README, not a tuned coefficient.
     */
    static final Map<String, String> MEASURED_WEAK_ORDER_2 = Map.of(
            "dpm2-ancestral", "first order nominally (ancestral step), weakly second order on Gaussian targets",
            "dpmpp-sde", "k-diffusion states no order; weakly second order on Gaussian targets",
            "dpmpp-3m-sde", "third-order multistep drift, but the injected noise limits it to weak order 2",
            "sa-solver-3", "third-order stochastic Adams drift (tau = 1), but measured weak order 2 as dpmpp-3m-sde");

    static Stream<Arguments> registered() {
        return IDS.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("registered")
    void exactKlSlopeIsTwiceTheNominalWeakOrder(String id) {
        Sampler s = SamplerRegistry.byId(id);
        int[] window = s.nominalOrder() == 1 ? FIRST_ORDER_WINDOW : SECOND_ORDER_WINDOW;
        double[] kl = klOnLinearVp(s, window);
        double slope = slope(window, kl);
        System.out.printf("[kl-rate] %s: exact KL slope %.3f over steps %s (nominal %d = 2 x weak order)%n", id, slope,
                Arrays.toString(window), 2 * s.nominalOrder());
        int weakOrder = MEASURED_WEAK_ORDER_2.containsKey(id) ? 2 : s.nominalOrder();
        assertEquals(2.0 * weakOrder, slope, SLOPE_TOLERANCE,
                id + ": steps " + Arrays.toString(window) + " KL " + Arrays.toString(kl) + " slope " + slope);
    }

    @Test
    void resWithFixedPerStepChurnLevelsOffInsteadOfConverging() {
        Sampler fixed = new ResChurn(ResChurn.MAX_ETA, ResChurn.EtaRule.PER_STEP);
        int[] window = {256, 512, 1024};
        double[] kl = klOnLinearVp(fixed, window);
        double slope = slope(window, kl);
        String detail = "KL " + Arrays.toString(kl) + " slope " + slope;
        assertTrue(slope < 1.0, "fixed churn should not converge at RES-2S's rate: " + detail);
        assertTrue(kl[2] > 1e-7, "fixed churn should keep a bias floor: " + detail);
        double converging = klOnLinearVp(new ResChurn(), new int[] {1024})[0];
        assertTrue(converging < 1e-2 * kl[2], "the Cosmos rule must sit far below the floor: " + converging);
    }

    /**
     * On Li et al.'s own schedule (c0 = 2, c1 = 6; T − 1 steps of the uniform-time knot grid from X<sub>T</sub> to X<sub>1</sub>,
     * prior start) the DDPM-type samplers reach KL(q<sub>1</sub> ‖ p<sub>1</sub>) ~ (log T)²/T²: the raw slope is 2 − 2/ln T
     * (1.73 at T ≈ 2000) and the slope of KL/(log T)² is 2. Measured over T = 400…3200: ddpm-li 1.999, li-sde 1.993,
     * ddpm-ancestral 1.979 (raw slopes 1.71, 1.71, 1.69).
     */
    @Test
    void onLisScheduleKlFallsLikeLogSquaredOverTSquared() {
        int[] ts = {400, 800, 1600, 3200};
        for (String id : new String[] {"ddpm-li", "li-sde", "ddpm-ancestral"}) {
            Sampler s = SamplerRegistry.byId(id);
            double[] corrected = new double[ts.length];
            double[] raw = new double[ts.length];
            for (int k = 0; k < ts.length; k++) {
                int t = ts[k];
                DiscreteSchedule schedule = DiscreteSchedule.liEtAl(t, 2.0, 6.0);
                SamplingContext ctx = new SamplingContext(schedule,
                        new GridType.UniformTime().build(schedule, schedule.tMax(), schedule.tMinDefault(), t - 1));
                raw[k] = AffineLawPropagator.propagate(s, ctx, GaussianTarget.standard(4, false), InitialLaw.PRIOR)
                        .klTargetToSampler();
                double log = Math.log(t);
                corrected[k] = raw[k] / (log * log);
            }
            double slope = slope(ts, corrected);
            assertEquals(2.0, slope, 0.05, id + " KL " + Arrays.toString(raw) + " slope of KL/log^2 T " + slope);
            assertTrue(slope(ts, raw) < 1.85, id + " raw slope should show the log factor: " + slope(ts, raw));
        }
    }

    /** −slope of log KL on log N by least squares. */
    static double slope(int[] steps, double[] kl) {
        SimpleRegression r = new SimpleRegression();
        for (int k = 0; k < steps.length; k++) {
            r.addData(Math.log(steps[k]), Math.log(kl[k]));
        }
        return -r.getSlope();
    }

    static double[] klOnLinearVp(Sampler s, int[] window) {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        GaussianTarget target = GaussianTarget.standard(4, false);
        double[] kl = new double[window.length];
        for (int k = 0; k < window.length; k++) {
            SamplingContext ctx = new SamplingContext(schedule,
                    new GridType.UniformLogSnr().build(schedule, T_START, T_END, window[k]));
            kl[k] = AffineLawPropagator.propagate(s, ctx, target, InitialLaw.EXACT_MARGINAL).klTargetToSampler();
        }
        return kl;
    }
}
