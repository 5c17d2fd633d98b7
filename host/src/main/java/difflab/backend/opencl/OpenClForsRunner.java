package difflab.backend.opencl;

import difflab.backend.BackendException;
import difflab.backend.BackendException.Reason;
import difflab.backend.Precision;
import difflab.fors.AcceptanceRule;
import difflab.fors.ForsDiffusionSampler;
import difflab.fors.ForsJob;
import difflab.fors.ForsResult;
import difflab.fors.ForsRunner;
import difflab.fors.ForsStepKernel;
import difflab.fors.StepGeometry;
import difflab.kernels.GmmDenoiser;
import difflab.kernels.NoiseLayout;
import difflab.run.Particles;
import difflab.sampler.SamplingContext;
import difflab.target.DeviceTarget;
import difflab.target.Target;
import java.util.Arrays;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Runs the FORS diffusion sampler ({@link ForsDiffusionSampler}, a reconstruction, spec §6.3) on an OpenCL device in
 * fp64, with the structure of {@link ForsRunner}: per step, {@link ForsStepKernel#prepare} on the host (y,
 * s<sub>t</sub>(y), proposal mean; uploaded), the target family's {@code *_prepare} table kernel at
 * (α<sub>t</sub>, σ<sub>t</sub>), then launches of {@code fors_launch} (fors.cl, the device twin of
 * {@link ForsStepKernel#launch}) over the pending particles, each making at most {@link ForsJob#triesPerLaunch()}
 * attempts per particle from its next attempt index. Between launches only the pending slots' accepted flags are
 * read back and the pending list is compacted on the host; estimator draws (NFE) and attempts accumulate on the
 * device and are read once at the end. NFE = fixed score calls of prepare + every estimator draw, as in the Java
 * runner. Randomness is {@link difflab.fors.ForsNoise}, so the accepted particles equal the Java runner's up to the
 * last ulps of the device's log/cos/sin/exp (see {@code OpenClForsRunnerTest}). Targets: the device families
 * (Gaussian diagonal, GMM isotropic / diagonal); others are UNSUPPORTED.
 */
public final class OpenClForsRunner implements AutoCloseable {
    private final OpenClContext ctx;
    private final OpenClProgram program;

    /** A runner on the OpenCL device chosen by {@code selector} ({@link OpenClDevices#select}); fp64 is required. */
    public OpenClForsRunner(String selector) {
        this.ctx = new OpenClContext(OpenClDevices.select(selector, true));
        this.program = OpenClProgram.difflab(ctx, Precision.FP64, difflab.kernels.KernelSources.MAX_COMPONENTS, 1);
    }

    /** The backend id. */
    public String backend() {
        return "opencl";
    }

    /**
     * Runs the job.
     *
     * @throws BackendException UNSUPPORTED if the target has no device kernel
     * @throws IllegalStateException if a particle exceeds {@link ForsRunner#MAX_ATTEMPTS_PER_STEP} attempts in one step
     *                               or an estimate is NaN (as the Java runner)
     */
    public ForsResult run(ForsJob job) {
        Target target = job.target();
        DeviceTarget dt = target.deviceTarget().orElseThrow(() -> new BackendException(Reason.UNSUPPORTED,
                "target " + target.id() + " has no device kernel; FORS on opencl accepts Gaussian targets with diagonal"
                        + " covariance and Gaussian mixtures with isotropic or diagonal components"));
        ForsDiffusionSampler sampler = job.sampler();
        SamplingContext context = job.context();
        int n = job.initial().count();
        int d = target.dimension();
        int k = dt.components();
        int family = switch (dt.family()) {
            case GAUSSIAN_DIAGONAL -> 0;
            case GMM_ISOTROPIC -> 1;
            case GMM_DIAGONAL -> 2;
        };
        int tableLength = switch (dt.family()) {
            case GAUSSIAN_DIAGONAL -> d;
            case GMM_ISOTROPIC -> GmmDenoiser.isotropicTableLength(k);
            case GMM_DIAGONAL -> GmmDenoiser.diagonalTableLength(k, d);
        };
        long start = System.nanoTime();
        double[] x = job.initial().toArray();
        double[] y = new double[n * d];
        double[] sy = new double[n * d];
        double[] mean = new double[n * d];
        long[] fixedEvaluations = new long[n];
        int[] pending = new int[n];
        int[] accepted = new int[n];
        long real = (long) n * d * Sizeof.cl_double;
        Buffers b = new Buffers();
        try {
            cl_mem means = b.real("means", dt.means());
            cl_mem variances = b.real("variances", dt.variances());
            cl_mem logWeights = b.real("logWeights", dt.logWeights());
            cl_mem table = b.alloc("table", (long) tableLength * Sizeof.cl_double);
            cl_mem yBuf = b.alloc("y", real);
            cl_mem syBuf = b.alloc("sy", real);
            cl_mem meanBuf = b.alloc("mean", real);
            cl_mem out = b.alloc("x", real);
            cl_mem next = b.alloc("next", (long) n * Sizeof.cl_int);
            cl_mem draws = b.alloc("draws", (long) n * Sizeof.cl_long);
            cl_mem attempts = b.alloc("attempts", (long) n * Sizeof.cl_long);
            cl_mem pendingBuf = b.alloc("pending", (long) n * Sizeof.cl_int);
            cl_mem acc = b.alloc("accepted", (long) n * Sizeof.cl_int);
            ctx.writeRaw(draws, 0, (long) n * Sizeof.cl_long, Pointer.to(new long[n]));
            ctx.writeRaw(attempts, 0, (long) n * Sizeof.cl_long, Pointer.to(new long[n]));
            cl_kernel prepare = program.kernel(switch (dt.family()) {
                case GAUSSIAN_DIAGONAL -> "gauss_diag_prepare";
                case GMM_ISOTROPIC -> "gmm_iso_prepare";
                case GMM_DIAGONAL -> "gmm_diag_prepare";
            });
            cl_kernel launch = program.kernel("fors_launch");
            double bound = sampler.parameters().bound();
            long launches = 0;
            int[] zeros = new int[n];
            for (int step = 0; step < context.steps(); step++) {
                StepGeometry g = StepGeometry.of(context, step);
                ForsStepKernel.prepare(n, 0, n, target, g, sampler.reference(), x, y, sy, mean, fixedEvaluations);
                ctx.write(yBuf, Precision.FP64, y, 0, n * d);
                ctx.write(syBuf, Precision.FP64, sy, 0, n * d);
                ctx.write(meanBuf, Precision.FP64, mean, 0, n * d);
                ctx.writeRaw(next, 0, (long) n * Sizeof.cl_int, Pointer.to(zeros));
                KernelArgs pa = new KernelArgs(prepare, Precision.FP64).i32(d);
                if (family != 0) {
                    pa.i32(k);
                }
                pa.real(g.alphaTo()).real(g.sigmaTo());
                if (family != 0) {
                    pa.mem(logWeights);
                }
                pa.mem(variances).mem(table);
                ctx.launch("fors_table", prepare, family == 0 ? d : k);
                for (int i = 0; i < n; i++) {
                    pending[i] = i;
                }
                int count = n;
                long triesSoFar = 0;
                while (count > 0) {
                    ctx.writeRaw(pendingBuf, 0, (long) count * Sizeof.cl_int, Pointer.to(pending));
                    new KernelArgs(launch, Precision.FP64).i32(count).mem(pendingBuf).i32(n).i32(d).i32(family)
                            .i32(k).real(g.alphaTo()).real(g.sigmaTo() * g.sigmaTo()).real(g.proposalStd())
                            .real(bound).real(2.0 * bound).real(Math.exp(-2.0 * bound))
                            .i32(sampler.parameters().rule() == AcceptanceRule.SEQUENTIAL ? 1 : 0)
                            .i32(NoiseLayout.key0(job.seed())).i32(NoiseLayout.key1(job.seed())).i32(step)
                            .i32(job.triesPerLaunch()).mem(means).mem(table).mem(yBuf).mem(syBuf).mem(meanBuf)
                            .mem(out).mem(next).mem(draws).mem(attempts).mem(acc);
                    ctx.launch("fors_launch", launch, count);
                    ctx.readRaw(acc, 0, (long) count * Sizeof.cl_int, Pointer.to(accepted));
                    launches++;
                    triesSoFar += job.triesPerLaunch();
                    int kept = 0;
                    for (int p = 0; p < count; p++) {
                        if (accepted[p] < 0) {
                            throw new IllegalStateException("tilt estimator returned NaN for particle " + pending[p]
                                    + " in step " + step + " of " + sampler.id() + "; accepted: finite values");
                        }
                        if (accepted[p] == 0) {
                            if (triesSoFar >= ForsRunner.MAX_ATTEMPTS_PER_STEP) {
                                throw new IllegalStateException("particle " + pending[p] + " was rejected "
                                        + triesSoFar + " times in step " + step + " of " + sampler.id()
                                        + "; the acceptance probability has collapsed: lower B or the tilt");
                            }
                            pending[kept++] = pending[p];
                        }
                    }
                    count = kept;
                }
                ctx.read(out, Precision.FP64, x, 0, n * d);
            }
            long[] drawCounts = new long[n];
            long[] attemptCounts = new long[n];
            ctx.readRaw(draws, 0, (long) n * Sizeof.cl_long, Pointer.to(drawCounts));
            ctx.readRaw(attempts, 0, (long) n * Sizeof.cl_long, Pointer.to(attemptCounts));
            long[] evaluations = new long[n];
            long attemptTotal = 0;
            for (int i = 0; i < n; i++) {
                evaluations[i] = fixedEvaluations[i] + drawCounts[i];
                attemptTotal += attemptCounts[i];
            }
            double seconds = (System.nanoTime() - start) * 1e-9;
            return new ForsResult(Particles.adopt(n, d, x), evaluations, attemptTotal, launches, seconds);
        } finally {
            b.releaseAll();
        }
    }

    /** The buffers of one run, released together. */
    private final class Buffers {
        private final java.util.List<cl_mem> mems = new java.util.ArrayList<>();
        private final java.util.List<Long> sizes = new java.util.ArrayList<>();

        cl_mem alloc(String name, long bytes) {
            cl_mem m = ctx.allocate(name, bytes);
            mems.add(m);
            sizes.add(bytes);
            return m;
        }

        cl_mem real(String name, double[] values) {
            cl_mem m = alloc(name, (long) Math.max(1, values.length) * Sizeof.cl_double);
            ctx.write(m, Precision.FP64, values, 0, values.length);
            return m;
        }

        void releaseAll() {
            for (int i = 0; i < mems.size(); i++) {
                ctx.release(mems.get(i), sizes.get(i));
            }
        }
    }

    @Override
    public void close() {
        program.close();
        ctx.close();
    }
}
