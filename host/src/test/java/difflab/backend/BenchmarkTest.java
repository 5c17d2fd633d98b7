package difflab.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's bookkeeping on a tiny java-only configuration (the OpenCL path is exercised in CI by the same code). */
class BenchmarkTest {

    @Test
    void tinyJavaRunProducesTableAndJson() {
        Benchmark.Config c = new Benchmark.Config(List.of("java"), "auto", 0, 64, 64, 4, 2, 2, 3);
        Benchmark.Result r = Benchmark.run(c);
        assertEquals(3, r.rows().size());
        for (Benchmark.Row row : r.rows()) {
            assertEquals(3, row.samples().length);
            assertTrue(row.medianSeconds() > 0, row.toString());
        }
        Benchmark.Row step = r.rows().get(2);
        assertEquals("step", step.benchmark());
        assertEquals(64 / step.medianSeconds(), step.particleStepsPerSecond(), 1e-6 * step.particleStepsPerSecond());
        assertTrue(r.table().contains("particle-steps/s"), r.table());
        String json = r.json();
        assertTrue(json.startsWith("[") && json.endsWith("]"), json);
        assertTrue(json.contains("\"benchmark\":\"combine\""), json);
        assertTrue(json.contains("\"gbPerSecond\":null"), json); // the step row has no bandwidth
    }

    @Test
    void forsRowCountsParticleStepsAndReportsNfe() {
        Benchmark.Result r = Benchmark.run(new Benchmark.Config(List.of("java"), "auto", 0, 16, 16, 2, 1, 2, 1)
                .withForsParticles(64));
        assertEquals(4, r.rows().size());
        Benchmark.Row fors = r.rows().get(3);
        assertEquals("fors", fors.benchmark());
        assertEquals(64.0 * Benchmark.FORS_STEPS / fors.medianSeconds(), fors.particleStepsPerSecond(),
                1e-9 * fors.particleStepsPerSecond());
        assertTrue(fors.size().contains("n=64") && fors.size().contains("NFE="), fors.size());
        assertThrows(IllegalArgumentException.class, () -> Benchmark.Config.defaults().withForsParticles(-1));
    }

    @Test
    void separateCopySizeIsHonoured() {
        Benchmark.Result r = Benchmark.run(new Benchmark.Config(List.of("java"), "auto", 1 << 10, 64, 64, 4, 2, 2, 1));
        assertEquals("elements=1024", r.rows().get(0).size());
    }

    @Test
    void medianAndValidation() {
        assertEquals(2.0, Benchmark.median(new double[] {3, 1, 2}), 0.0);
        assertEquals(2.5, Benchmark.median(new double[] {4, 1, 2, 3}), 0.0);
        assertThrows(IllegalArgumentException.class,
                () -> new Benchmark.Config(List.of("tpu"), "auto", 0, 16, 1, 1, 1, 2, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new Benchmark.Config(List.of("java"), "auto", 0, 17, 1, 1, 1, 2, 1));
    }

    @Test
    void profileFormatsAndMerges() {
        Profile a = new Profile();
        a.addKernel("combine", 2_000_000);
        a.addKernel("combine", 1_000_000);
        a.addCopyIn(1_000_000_000L, 100_000_000);
        Profile b = new Profile();
        b.addKernel("combine", 1_000_000);
        b.addBuild(5_000_000);
        a.merge(b);
        assertEquals(3, a.kernels().get("combine").launches());
        assertEquals(4_000_000, a.kernelNanos());
        assertTrue(a.format().contains("10.00 GB/s"), a.format());
        assertTrue(a.toJson().contains("\"combine\":{\"launches\":3,\"nanos\":4000000}"), a.toJson());
        assertEquals(5_000_000, a.buildNanos());
    }
}
