package difflab.backend;

import difflab.core.BackendException;
import difflab.core.InitialNoise;
import difflab.fors.ForsDiffusionSampler;
import difflab.fors.ForsExecutor;
import difflab.fors.ForsJob;
import difflab.fors.ForsResult;
import difflab.fors.ForsRunner;
import difflab.grid.GridType;
import difflab.sampler.SamplingContext;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import difflab.target.Target;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DeviceForsRunner} (fors.cl) on a device backend against the Java twin {@link ForsRunner} in fp64 on a 1-D and a 2-D mixture and
 * a Gaussian: the same accepted particles (relative error per particle ≤ {@link #FP64_RELATIVE_BOUND}), the same NFE
 * per particle, attempts and launches, and the device result is independent of triesPerLaunch. The decisions use
 * the same Philox uniforms and bit-identical Poisson counts; only the device's log/cos/sin/exp may differ in the
 * last ulps, which could flip a decision only if a uniform fell within ~1e-16 of its threshold (probability
 * ~1e-16 per comparison, never seen here), so exact equality of the NFE counts is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ForsDeviceContract {
    static final double FP64_RELATIVE_BOUND = 1e-12;
    static final int N = 64;
    static final int STEPS = 6;
    static final long SEED = 777L;
    private ForsExecutor device;

    /** Skips or fails (per the backend's rule) when the backend cannot run, then opens its FORS runner. */
    protected abstract ForsExecutor open();

    @BeforeAll
    void openDevice() {
        device = open();
    }

    @AfterAll
    void closeDevice() {
        if (device != null) {
            device.close();
        }
    }

    static ForsJob job(Target target, int tries) {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule,
                new GridType.UniformLogSnr().build(schedule, 1.0, 1e-2, STEPS));
        return new ForsJob(ForsDiffusionSampler.withBound(1.0), ctx, target,
                InitialNoise.standardNormal(N, target.dimension(), SEED), SEED, tries);
    }


    @Test
    void deviceEqualsJavaRunnerOnEveryFamily() {
        for (Target t : List.of(GaussianMixtureTarget.standard(1, 3, true), GaussianMixtureTarget.standard(2, 3, false),
                GaussianTarget.standard(2, false))) {
            ForsResult ref = new ForsRunner(1).run(job(t, 3));
            ForsResult got = device.run(job(t, 3));
            double err = ParticleAgreement.relativeError(got.particles(), ref.particles());
            System.out.printf(Locale.ROOT, "fors " + device.backend() + " vs java, %s: relative error %.2e, NFE %d, attempts %d%n",
                    t.id(), err, got.totalEvaluations(), got.attempts());
            assertTrue(err <= FP64_RELATIVE_BOUND, t.id() + ": relative error " + err);
            assertArrayEquals(ref.evaluations(), got.evaluations(), t.id() + ": NFE per particle");
            assertEquals(ref.attempts(), got.attempts(), t.id() + ": attempts");
            assertEquals(ref.launches(), got.launches(), t.id() + ": launches");
        }
    }

    @Test
    void resultIndependentOfTriesPerLaunch() {
        Target t = GaussianMixtureTarget.standard(2, 3, true);
        ForsResult one = device.run(job(t, 1));
        ForsResult many = device.run(job(t, 50));
        assertEquals(0.0, ParticleAgreement.relativeError(many.particles(), one.particles()));
        assertArrayEquals(one.evaluations(), many.evaluations());
        assertTrue(one.launches() > many.launches(), "1 try per launch needs more launches");
    }

    /**
     * A power-of-two particle count: PoCL chose work-groups of 4096 for it, whose private arrays (2 KB each at
     * GMM_MAX_K = 256) overflowed the thread stack (SIGSEGV in fors_launch) until launches used small groups.
     */
    @Test
    void powerOfTwoParticleCountEqualsJava() {
        Target t = GaussianMixtureTarget.standard(1, 3, true);
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule, new GridType.UniformLogSnr().build(schedule, 1.0, 1e-2, 2));
        ForsJob job = new ForsJob(ForsDiffusionSampler.withBound(1.0), ctx, t, InitialNoise.standardNormal(8192, 1, SEED),
                SEED, 4);
        ForsResult ref = new ForsRunner().run(job);
        ForsResult got = device.run(job);
        assertTrue(ParticleAgreement.relativeError(got.particles(), ref.particles()) <= FP64_RELATIVE_BOUND);
        assertArrayEquals(ref.evaluations(), got.evaluations());
    }

    @Test
    void targetWithoutDeviceKernelIsRefusedNamingTheAcceptedFamilies() {
        Target full = GaussianTarget.standard(2, true);
        BackendException e = assertThrows(BackendException.class, () -> device.run(job(full, 3)));
        assertEquals(BackendException.Reason.UNSUPPORTED, e.reason());
        assertTrue(e.getMessage().contains(full.id()) && e.getMessage().contains("diagonal covariance"), e.getMessage());
    }
}
