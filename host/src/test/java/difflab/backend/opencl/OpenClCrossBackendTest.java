package difflab.backend.opencl;

import difflab.backend.CrossBackendContract;
import difflab.backend.DeviceBackend;
import difflab.backend.ParticleAgreement;
import difflab.core.InitialNoise;
import difflab.core.Precision;
import difflab.grid.GridType;
import difflab.run.SamplingJob;
import difflab.sampler.SamplingContext;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianMixtureTarget;
import difflab.target.Target;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cross-backend contract ({@link CrossBackendContract}: {@code opencl} = {@code java} for every sampler × target
 * family, chunking, profile, refusals) on the first OpenCL device (PoCL in CI), and the largest mixture.
 */
class OpenClCrossBackendTest extends CrossBackendContract {

    static DeviceBackend fp64;
    static DeviceBackend fp32;

    @BeforeAll
    static void open() {
        OpenClTestSupport.requireOpenCl();
        fp64 = OpenClBackend.open(OpenClDevices.AUTO, Precision.FP64);
        fp32 = OpenClBackend.open(OpenClDevices.AUTO, Precision.FP32);
    }

    @AfterAll
    static void close() {
        if (fp64 != null) {
            fp64.close();
        }
        if (fp32 != null) {
            fp32.close();
        }
    }

    @Override
    protected DeviceBackend backend(Precision precision) {
        return precision == Precision.FP64 ? fp64 : fp32;
    }

    @Override
    protected DeviceBackend fresh() {
        return OpenClBackend.open();
    }

    /**
     * The largest mixture the kernels accept, at a power-of-two particle count: with the driver's own work-group
     * size PoCL took up to 4096 work-items, each with a 16 KB private array (GMM_MAX_K = 256, VW = 8): 64 MB on one
     * thread's stack, and the JVM died with SIGSEGV; launches now use groups of
     * {@link OpenClDriver#PRIVATE_ARRAY_GROUP}.
     */
    @Test
    void largestMixtureAtPowerOfTwoParticleCountEqualsJava() {
        Target big = GaussianMixtureTarget.standard(2, difflab.kernels.KernelSources.MAX_COMPONENTS, true);
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule, new GridType.UniformLogSnr().build(schedule, 1.0, 1e-3, 2));
        SamplingJob job = new SamplingJob(SamplerRegistry.byId("dpmpp-2m"), ctx, big,
                InitialNoise.standardNormal(32768, 2, SEED), SEED);
        double err = ParticleAgreement.relativeError(fp64.sample(job).particles(), JAVA.sample(job).particles());
        assertTrue(err <= FP64_RELATIVE_BOUND, "relative error " + err);
    }
}
