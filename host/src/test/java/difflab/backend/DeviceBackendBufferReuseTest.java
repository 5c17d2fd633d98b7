package difflab.backend;

import difflab.core.InitialNoise;
import difflab.core.Precision;
import difflab.grid.GridType;
import difflab.run.SamplingJob;
import difflab.sampler.SamplingContext;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianMixtureTarget;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without a device (a driver that only counts): a {@link DeviceBackend} reuses the buffers of the previous run when
 * the next has the same shape, frees them before a run of another shape, and frees everything on close.
 */
class DeviceBackendBufferReuseTest {

    /** Counts allocations and frees; copies and launches do nothing. */
    static final class CountingDriver implements DeviceDriver {
        int allocations;
        int frees;
        long liveBytes;

        record Buf(String name, long bytes) implements Buffer {
        }

        @Override
        public String backend() {
            return "counting";
        }

        @Override
        public String deviceName() {
            return "counter";
        }

        @Override
        public String device() {
            return "counter";
        }

        @Override
        public List<Integer> vectorWidths() {
            return List.of(1);
        }

        @Override
        public int defaultVectorWidth(Precision precision) {
            return 1;
        }

        @Override
        public MemoryLimits memory() {
            return new MemoryLimits(1L << 40, 1L << 40);
        }

        @Override
        public DeviceProgram build(Precision precision, int maxComponents, int vectorWidth) {
            return new DeviceProgram() {
                public Precision precision() {
                    return precision;
                }

                public int vectorWidth() {
                    return vectorWidth;
                }

                public int maxComponents() {
                    return maxComponents;
                }

                public boolean servesFewerComponents() {
                    return false;
                }

                public String origin() {
                    return "";
                }

                public long buildNanos() {
                    return 1;
                }

                public void close() {
                }
            };
        }

        @Override
        public Buffer allocate(String name, long bytes) {
            allocations++;
            liveBytes += bytes;
            return new Buf(name, bytes);
        }

        @Override
        public void free(Buffer buffer) {
            frees++;
            liveBytes -= buffer.bytes();
        }

        @Override
        public long copyIn(Buffer dst, HostArray src, int count) {
            return 0;
        }

        @Override
        public long copyOut(Buffer src, HostArray dst, int count) {
            return 0;
        }

        @Override
        public LaunchTiming launch(DeviceProgram program, KernelCall call, Function<String, Buffer> buffers) {
            buffers.apply(TaskGraph.STATE);
            return () -> 0;
        }

        @Override
        public void finish() {
        }

        @Override
        public void close() {
        }
    }

    static SamplingJob job(String sampler, int n) {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule, new GridType.UniformLogSnr().build(schedule, 1.0, 1e-3, 4));
        return new SamplingJob(SamplerRegistry.byId(sampler), ctx, GaussianMixtureTarget.standard(3, 2, true),
                InitialNoise.standardNormal(n, 3, 1L), 1L);
    }

    @Test
    void sameShapeReusesBuffersOtherShapeFreesThemFirst() {
        CountingDriver driver = new CountingDriver();
        DeviceBackend backend = new DeviceBackend(driver, Precision.FP64, 0);
        backend.sample(job("dpmpp-2m", 100));
        int perRun = driver.allocations;
        long bytesPerRun = driver.liveBytes;
        assertTrue(perRun > 0);
        assertEquals(0, driver.frees, "buffers stay for the next run");

        backend.sample(job("dpmpp-2m", 100));
        assertEquals(perRun, driver.allocations, "a run of the same shape allocates nothing");
        assertEquals(bytesPerRun, driver.liveBytes);

        backend.sample(job("dpmpp-2m", 200));
        assertEquals(perRun, driver.frees, "another shape frees the previous run's buffers first");
        assertEquals(2 * perRun, driver.allocations);

        backend.close();
        assertEquals(driver.allocations, driver.frees, "close frees everything");
        assertEquals(0, driver.liveBytes);
    }
}
