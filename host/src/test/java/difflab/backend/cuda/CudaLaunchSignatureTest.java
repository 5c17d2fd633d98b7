package difflab.backend.cuda;

import difflab.backend.CrossBackendTargets;
import difflab.backend.CrossCheckSampler;
import difflab.backend.DeviceForsRunner;
import difflab.backend.KernelCall;
import difflab.backend.KernelTimer;
import difflab.backend.TaskGraph;
import difflab.core.BackendException;
import difflab.core.InitialNoise;
import difflab.fors.ForsDiffusionSampler;
import difflab.fors.ForsJob;
import difflab.fors.StepGeometry;
import difflab.grid.GridType;
import difflab.kernels.PtxBundle;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.DeviceTarget;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import difflab.target.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Without a GPU: every kernel launch the cuda backend can make (each step of every registered sampler and
 * of {@link CrossCheckSampler} on each device target family, the benchmark's copy and combine, and FORS's
 * {@code fors_launch} and table launches) passes
 * arguments that match the parameter list of that kernel's {@code .entry} in the build-time PTX, in number
 * and in type: {@code I32} ↔ {@code .u32/.s32/.b32}, {@code I64} and buffers ↔ 64-bit, {@code REAL} ↔
 * {@code .f64} in the fp64 image and {@code .f32} in the fp32 image. {@code cuLaunchKernel} has no other
 * check: a wrong argument list would silently read garbage on the device.
 *
 * <p>Skip rule as the kernels module's PTX tests: without bundled PTX this fails under {@code CI} (CI has
 * nvcc) and is skipped otherwise.
 */
class CudaLaunchSignatureTest {

    static final int STEPS = 6;
    static final int N = 37;
    static final int D = 5;
    static final int K = 4;

    private static final Pattern ENTRY = Pattern.compile("\\.visible \\.entry (\\w+)\\(([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile("\\.param \\.(\\w+)");

    static Map<String, List<String>> fp64;
    static Map<String, List<String>> fp32;

    @BeforeAll
    static void loadPtx() {
        var bundle = PtxBundle.load();
        if (bundle.isEmpty()) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isEmpty()) {
                fail("CI=" + ci + " but the build bundled no PTX (nvcc missing at build time?)");
            }
            Assumptions.abort("no bundled PTX (built without nvcc)");
        }
        fp64 = signatures(bundle.get().images(false).get(0).ptx());
        fp32 = signatures(bundle.get().images(true).get(0).ptx());
    }

    /** Kernel name to its parameter types ({@code u32}, {@code f64}, ...), in order. */
    static Map<String, List<String>> signatures(String ptx) {
        Map<String, List<String>> m = new HashMap<>();
        Matcher e = ENTRY.matcher(ptx);
        while (e.find()) {
            List<String> types = new ArrayList<>();
            Matcher p = PARAM.matcher(e.group(2));
            while (p.find()) {
                types.add(p.group(1));
            }
            m.put(e.group(1), types);
        }
        return m;
    }

    static void check(KernelCall call, Map<String, List<String>> sigs, String real) {
        List<String> params = sigs.get(call.kernel());
        assertTrue(params != null, "no .entry " + call.kernel() + " in the PTX");
        assertEquals(params.size(), call.args().size(), call.kernel() + ": argument count vs " + params);
        for (int i = 0; i < params.size(); i++) {
            KernelCall.Arg a = call.args().get(i);
            String t = params.get(i);
            String expected;
            if (a instanceof KernelCall.Arg.I32) {
                expected = "32-bit integer";
                assertTrue(t.equals("u32") || t.equals("s32") || t.equals("b32"), call.kernel() + " param " + i + ": " + t
                        + " for " + a);
            } else if (a instanceof KernelCall.Arg.Real) {
                expected = real;
                assertEquals(real, t, call.kernel() + " param " + i + " (" + expected + ") for " + a);
            } else {
                expected = "64-bit integer or pointer";
                assertTrue(t.equals("u64") || t.equals("s64") || t.equals("b64"), call.kernel() + " param " + i + ": " + t
                        + " for " + a + " (" + expected + ")");
            }
        }
    }

    static List<Target> targets() {
        return CrossBackendTargets.all(D, K, 11L);
    }

    static List<Sampler> samplers() {
        List<Sampler> s = new ArrayList<>(SamplerRegistry.all());
        s.add(new CrossCheckSampler());
        return s;
    }

    @Test
    void everySamplerStepMatchesTheKernelSignatures() {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule, new GridType.UniformLogSnr().build(schedule, 1.0, 1e-3, STEPS));
        int launches = 0;
        for (Sampler sampler : samplers()) {
            for (Target target : targets()) {
                List<StepProgram> programs = new ArrayList<>();
                for (int i = 0; i < STEPS; i++) {
                    programs.add(sampler.step(ctx, i));
                }
                TaskGraph graph = TaskGraph.build(programs, target.deviceTarget().orElseThrow());
                for (int i = 0; i < STEPS; i++) {
                    for (KernelCall call : graph.launches(i, N, CudaDriver.VECTOR_WIDTH, 7, 11L)) {
                        check(call, fp64, "f64");
                        check(call, fp32, "f32");
                        CudaDriver.shape(call.kernel(), call.globalSize());
                        launches++;
                    }
                }
            }
        }
        assertTrue(launches > 0);
    }

    @Test
    void benchmarkLaunchesMatchTheKernelSignatures() {
        for (var sigs : List.of(fp64, fp32)) {
            String real = sigs == fp64 ? "f64" : "f32";
            check(KernelTimer.copyCall(1 << 10, CudaDriver.VECTOR_WIDTH, "a", "b"), sigs, real);
            check(KernelTimer.combineCall(64, 7, CudaDriver.VECTOR_WIDTH), sigs, real);
            check(KernelTimer.peakCall("a"), sigs, real);
        }
    }

    @Test
    void forsLaunchesMatchTheFp64KernelSignatures() {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule, new GridType.UniformLogSnr().build(schedule, 1.0, 1e-3, STEPS));
        for (Target target : CrossBackendTargets.fors(D, K)) {
            ForsJob job = new ForsJob(ForsDiffusionSampler.withBound(1.0), ctx, target,
                    InitialNoise.standardNormal(N, D, 3L), 3L, 4);
            DeviceTarget dt = target.deviceTarget().orElseThrow();
            check(DeviceForsRunner.launchCall(job, dt, StepGeometry.of(ctx, 2), 2, N - 5), fp64, "f64");
            check(TaskGraph.prepareCall(dt, 0.5, 0.8), fp64, "f64");
            check(DeviceForsRunner.prepareStepCall(dt, StepGeometry.of(ctx, 2), N, true), fp64, "f64");
            check(DeviceForsRunner.compactCall(N - 5, "a", "b"), fp64, "f64");
        }
    }

    @Test
    void launchShapeUsesBlocksOfBlockSizeAndRejectsOversizedGrids() {
        assertArrayEquals(new int[] {1, 1, 1, CudaDriver.BLOCK_SIZE, 1, 1}, CudaDriver.shape("k", new long[] {1}));
        assertArrayEquals(new int[] {3, 32, 1, CudaDriver.BLOCK_SIZE, 1, 1},
                CudaDriver.shape("k", new long[] {2 * CudaDriver.BLOCK_SIZE + 1, 32}));
        BackendException e = assertThrows(BackendException.class,
                () -> CudaDriver.shape("combine", new long[] {10, CudaDriver.MAX_GRID_YZ + 1}));
        assertEquals(BackendException.Reason.UNSUPPORTED, e.reason());
    }
}
