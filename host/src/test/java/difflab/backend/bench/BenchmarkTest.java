package difflab.backend.bench;

import difflab.core.Precision;
import difflab.core.Profile;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's bookkeeping on a tiny java-only configuration (the OpenCL path is exercised in CI by the same code). */
class BenchmarkTest {

    @Test
    void tinyJavaRunProducesTableAndJson() {
        Benchmark.Config c = new Benchmark.Config(List.of("java"), "auto", 0, 64, 64, 4, 2, 2, 3);
        Benchmark.Result r = Benchmark.run(c);
        assertEquals(4, r.rows().size());
        for (Benchmark.Row row : r.rows()) {
            assertEquals(3, row.samples().length);
            assertTrue(row.medianSeconds() > 0, row.toString());
        }
        assertEquals("peak-fma", r.rows().get(0).benchmark());
        assertTrue(r.rows().get(0).gflopsPerSecond() > 0, r.rows().get(0).toString());
        Benchmark.Row step = r.rows().get(3);
        assertEquals("step", step.benchmark());
        assertEquals(64 / step.medianSeconds(), step.particleStepsPerSecond(), 1e-6 * step.particleStepsPerSecond());
        StepRoofline model = new StepRoofline(4, 2, Precision.FP64);
        assertEquals(model.flopsPerParticleStep(), step.flopsPerParticleStep(), 0.0);
        assertEquals(model.bytesPerParticleStep(), step.bytesPerParticleStep(), 0.0);
        double peak = r.rows().get(0).gflopsPerSecond() * 1e9;
        double copy = r.rows().get(1).gbPerSecond() * 1e9;
        assertEquals(step.particleStepsPerSecond() / model.particleStepsPerSecond(peak, copy), step.fractionOfRoofline(),
                1e-12 * step.fractionOfRoofline());
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
        assertEquals(5, r.rows().size());
        Benchmark.Row fors = r.rows().get(4);
        assertEquals("fors", fors.benchmark());
        assertEquals(64.0 * Benchmark.FORS_STEPS / fors.medianSeconds(), fors.particleStepsPerSecond(),
                1e-9 * fors.particleStepsPerSecond());
        assertTrue(fors.size().contains("n=64") && fors.size().contains("NFE="), fors.size());
        assertThrows(IllegalArgumentException.class, () -> Benchmark.Config.defaults().withForsParticles(-1));
    }

    @Test
    void separateCopySizeIsHonoured() {
        Benchmark.Result r = Benchmark.run(new Benchmark.Config(List.of("java"), "auto", 1 << 10, 64, 64, 4, 2, 2, 1));
        assertEquals("elements=1024", r.rows().get(1).size());
    }

    @Test
    void scalingTimesTheStepAtEachParticleCount() {
        Benchmark.Config c = new Benchmark.Config(List.of("java"), "auto", 0, 16, 16, 4, 2, 2, 1);
        List<Benchmark.Row> seen = new java.util.ArrayList<>();
        Benchmark.Result r = Benchmark.scaling(c, List.of(64, 256), seen::add);
        assertEquals(r.rows(), seen);
        assertEquals(2, r.rows().size());
        assertTrue(r.rows().get(1).size().contains("n=256"), r.rows().get(1).size());
        assertTrue(r.scalingTable().contains("ns/particle-step"), r.scalingTable());
        Benchmark.Row huge = Benchmark.scaling(c, List.of(1 << 29)).rows().get(0);
        assertTrue(huge.size().contains("skipped"), huge.size());
    }

    @Test
    void rooflineCountsTheKernelFormulas() {
        StepRoofline m = new StepRoofline(64, 16, Precision.FP64);
        assertEquals(4 * 16 * 64 + 5 * 64 + 10 * 16, m.stageFlops(), 0.0);
        assertEquals(5 * 64, m.combineFlops(), 0.0);
        assertEquals(6 * 64 * 8, m.bytesPerParticleStep(), 0.0);
        // 140 GFLOP/s and 60 GB/s: the bandwidth term 60e9 / 3072 is the smaller one
        assertEquals(60e9 / 3072, m.particleStepsPerSecond(140e9, 60e9), 1e-6);
        assertTrue(m.memoryBound(140e9, 60e9));
        assertTrue(Double.isNaN(m.particleStepsPerSecond(Double.NaN, 60e9)));
    }

    @Test
    void numpyPeerSpecCarriesTheTargetAndEveryStep() {
        Benchmark.Config c = new Benchmark.Config(List.of("java"), "auto", 0, 16, 16, 3, 2, 3, 1);
        String spec = NumpyPeer.spec(Benchmark.stepJob(c));
        assertTrue(spec.startsWith("{\"target\":{\"logWeights\":["), spec);
        assertEquals(3, spec.split("\"stages\"").length - 1, spec);
        assertTrue(spec.contains("],[1,0,"), spec); // the second-order step reads the previous model
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
