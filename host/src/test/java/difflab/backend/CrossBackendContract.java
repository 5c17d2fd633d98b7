package difflab.backend;

import difflab.backend.java.JavaBackend;
import difflab.core.BackendException;
import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.core.Precision;
import difflab.core.Profile;
import difflab.grid.GridType;
import difflab.run.SamplingJob;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import difflab.target.PerturbedScoreTarget;
import difflab.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every registered sampler (plus {@link CrossCheckSampler}, which covers noise, stored points and
 * history) on each device target family, and with the score perturbation ({@link CrossBackendTargets}), gives the
 * same particles on a device backend as on {@code java}; the same checks for every driver (subclasses open the
 * backends).
 *
 * <p>Error measure: for each particle, {@code ||x_device − x_java||∞ / max(||x_java||∞, 1)}; the maximum
 * over particles must stay below {@link #FP64_RELATIVE_BOUND} in fp64 and {@link #FP32_RELATIVE_BOUND}
 * in fp32. Measured on PoCL 3.1 (x86-64, 12 steps, d = 5): fp64 worst 9.7e-15
 * (euler-ancestral on the perturbed isotropic mixture; deterministic samplers on the diagonal and full Gaussians: 0,
 * bit-identical; noise and the perturbation's sine differ from Java's in the last ulps), fp32 worst 3.8e-5 (printed
 * by the test).
 */
public abstract class CrossBackendContract {

    /** The fp64 agreement the issue asks for. */
    protected static final double FP64_RELATIVE_BOUND = 1e-12;
    /**
     * fp32 against the fp64 Java run: a few hundred single-precision ulps (2^-24 = 6e-8). Samplers that
     * work in the noise-prediction or score basis (DPM-Solver-k, SciRE) form ε = (p − α·D)/σ, which
     * amplifies the rounding of p by 1/σ (about 20 at t = 1e-3); the worst case measured on PoCL and the margin
     * this bound leaves are in the README (<i>Backends</i>).
     */
    protected static final double FP32_RELATIVE_BOUND = 1e-4;
    /**
     * Where a problem is ill-conditioned (higher-order multisteps on the perturbed mixture, whose score has a fast
     * sine), fp32 differs from fp64 by more than {@link #FP32_RELATIVE_BOUND} without any kernel being wrong. The
     * fp32 bound of a (sampler, target) is therefore at least this factor times its measured condition: how far the
     * fp64 Java result moves when only the initial particles are rounded to fp32. An fp32 run rounds the state at
     * every stage of every step ({@link #STEPS} steps), each rounding amplified about as much as the input's; a
     * kernel error gives O(1) differences whatever the condition.
     */
    protected static final double FP32_CONDITION_FACTOR = 100;
    protected static final int N = 33;
    protected static final int D = 5;
    protected static final int STEPS = 12;
    protected static final int K = 4;
    protected static final long SEED = 20261125L;

    protected static final JavaBackend JAVA = new JavaBackend(1);

    /** The backend under test in {@code precision}, kept open by the subclass for the whole class. */
    protected abstract DeviceBackend backend(Precision precision);

    /** A newly opened fp64 backend (closed by the caller), for checks of a first run. */
    protected abstract DeviceBackend fresh();

    static List<Sampler> samplers() {
        List<Sampler> s = new ArrayList<>(SamplerRegistry.all());
        s.add(new CrossCheckSampler());
        return s;
    }

    static List<Target> targets() {
        return CrossBackendTargets.all(D, K, SEED);
    }

    protected static SamplingJob job(Sampler sampler, Target target) {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule,
                new GridType.UniformLogSnr().build(schedule, 1.0, 1e-3, STEPS));
        return new SamplingJob(sampler, ctx, target, InitialNoise.standardNormal(N, D, SEED), SEED);
    }

    /** Every sampler on every target within {@code bound} (fp32: or its condition times the factor). */
    protected void compare(DeviceBackend backend, double bound) {
        double worst = 0;
        StringBuilder table = new StringBuilder();
        for (Sampler s : samplers()) {
            for (Target t : targets()) {
                SamplingJob job = job(s, t);
                Particles ref = JAVA.sample(job).particles();
                Particles got = backend.sample(job).particles();
                double err = ParticleAgreement.relativeError(got, ref);
                assertTrue(Double.isFinite(err), s.id() + " on " + t.id() + ": non-finite particles");
                double allowed = bound;
                String condition = "";
                if (backend.precision() == Precision.FP32) {
                    double conditionNumber = inputRoundingSensitivity(job, ref);
                    allowed = Math.max(bound, FP32_CONDITION_FACTOR * conditionNumber);
                    condition = String.format(Locale.ROOT, " (input-rounding sensitivity %.2e)", conditionNumber);
                }
                table.append(String.format(Locale.ROOT, "  %-22s %-28s %.2e%s%n", s.id(), t.id(), err, condition));
                assertTrue(err <= allowed, s.id() + " on " + t.id() + " (" + backend.device() + "): relative error "
                        + err + " > " + allowed + condition);
                worst = Math.max(worst, err);
            }
        }
        System.out.printf(Locale.ROOT, "%s vs java on %s, worst relative error %.3e%n%s", backend.id(),
                backend.device(), worst, table);
    }

    /** How far the fp64 Java result moves when the initial particles are rounded to fp32 (same error measure). */
    static double inputRoundingSensitivity(SamplingJob job, Particles ref) {
        double[] x = job.initial().toArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) x[i];
        }
        Particles rounded = Particles.of(job.initial().count(), job.initial().dimension(), x);
        Particles moved = JAVA.sample(new SamplingJob(job.sampler(), job.context(), job.target(), rounded, job.seed()))
                .particles();
        return ParticleAgreement.relativeError(moved, ref);
    }

    @Test
    void fp64ParticlesEqualJavaBackend() {
        compare(backend(Precision.FP64), FP64_RELATIVE_BOUND);
    }

    @Test
    void fp32ParticlesAgreeToSinglePrecision() {
        compare(backend(Precision.FP32), FP32_RELATIVE_BOUND);
    }

    @Test
    void chunkedRunsEqualUnchunkedBitForBit() {
        DeviceBackend b = backend(Precision.FP64);
        SamplingJob job = job(new CrossCheckSampler(), GaussianMixtureTarget.standard(D, K, false));
        double[] whole = b.chunkLimit(0).sample(job).particles().toArray();
        double[] chunked = b.chunkLimit(7).sample(job).particles().toArray();
        b.chunkLimit(0);
        assertArrayEquals(whole, chunked);
        assertEquals(5L * STEPS, b.lastProfile().kernels().get("combine").launches(), b.lastProfile().format());
    }

    /**
     * Runs of one shape reuse the previous run's device buffers ({@code BufferPool}); what another sampler left in
     * them must not change a result.
     */
    @Test
    void reusedBuffersGiveIdenticalParticles() {
        DeviceBackend b = backend(Precision.FP64);
        SamplingJob first = job(SamplerRegistry.byId("dpmpp-3m"), GaussianMixtureTarget.standard(D, K, true));
        double[] before = b.sample(first).particles().toArray();
        b.sample(job(new CrossCheckSampler(), GaussianMixtureTarget.standard(D, K, false)));
        b.sample(job(SamplerRegistry.byId("euler-ancestral"), GaussianMixtureTarget.standard(D, K, true)));
        assertArrayEquals(before, b.sample(first).particles().toArray());
    }

    @Test
    void profileRecordsKernelsCopiesAndBuild() {
        try (DeviceBackend fresh = fresh()) {
            fresh.sample(job(SamplerRegistry.byId("ddim"), GaussianMixtureTarget.standard(D, K, true)));
            Profile p = fresh.lastProfile();
            assertTrue(p.buildNanos() > 0, p.format());
            assertEquals(STEPS, p.kernels().get("stage_gmm_iso").launches(), p.format());
            assertTrue(p.kernels().get("stage_gmm_iso").nanos() > 0, p.format());
            assertTrue(p.copyInBytes() >= (long) N * D * Double.BYTES, p.format());
            // rows are padded to the vector width on the device, so at least n*d*8 bytes come back
            assertTrue(p.copyOutBytes() >= (long) N * D * Double.BYTES, p.format());
            assertTrue(p.wallNanos() > 0, p.format());
        }
    }

    /** A perturbed rotated Gaussian runs the full-covariance stage kernel and the perturbation once per NFE. */
    @Test
    void perturbedRotatedGaussianLaunchesStageAndPerturbationOncePerEvaluation() {
        DeviceBackend b = backend(Precision.FP64);
        SamplingJob job = job(SamplerRegistry.byId("heun"),
                PerturbedScoreTarget.of(GaussianTarget.standard(D, true), CrossBackendTargets.SCORE_ERROR, SEED));
        long nfe = b.sample(job).evaluations();
        Profile p = b.lastProfile();
        assertEquals(nfe, p.kernels().get("stage_gauss_full").launches(), p.format());
        assertEquals(nfe, p.kernels().get("score_perturb").launches(), p.format());
    }

    /** A perturbation of a perturbed target has no device kernel: the backend refuses it, it never drops one. */
    @Test
    void doublyPerturbedTargetIsRefused() {
        DeviceBackend b = backend(Precision.FP64);
        SamplingJob job = job(SamplerRegistry.byId("ddim"), PerturbedScoreTarget.of(
                PerturbedScoreTarget.of(GaussianTarget.standard(D, true), 0.1, SEED), 0.1, SEED + 1));
        BackendException e = assertThrows(BackendException.class, () -> b.sample(job));
        assertEquals(BackendException.Reason.UNSUPPORTED, e.reason(), e.getMessage());
    }
}
