package difflab.backend.opencl;

import difflab.backend.BackendException;
import difflab.backend.BackendException.Reason;
import difflab.backend.Precision;
import difflab.kernels.GmmDenoiser;
import difflab.kernels.NoiseLayout;
import difflab.target.DeviceTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.cl_mem;

/**
 * A {@link TaskGraph} bound to device buffers: owns every buffer of a run (closed with the plan),
 * uploads the particles of one chunk, runs all steps with the data on the device, and copies the
 * state back once at the end. Nothing is read back inside the step loop; the host only sets kernel
 * arguments and enqueues.
 *
 * <p><b>Chunking.</b> Buffers hold {@link #chunkCapacity()} particles. A run of n particles is split
 * into {@code ceil(n / capacity)} chunks processed one after another; within a chunk of m particles
 * the layout is coordinate-major with row stride {@code m} rounded up to the program's vector width
 * VW (the padding lanes compute on zeros and are never copied back). Noise is addressed by the global
 * particle index (chunk offset + i), so results do not depend on the chunk size (NoiseLayout's
 * contract).
 */
public final class ExecutionPlan implements AutoCloseable {

    /** Fraction of the device's global memory a plan may fill with particle buffers. */
    public static final double MEMORY_FRACTION = 0.8;

    private final OpenClContext ctx;
    private final OpenClProgram program;
    private final TaskGraph graph;
    private final Precision precision;
    private final int d;
    private final int capacity;
    private final int vw;
    private final Map<String, cl_mem> buffers = new HashMap<>();
    private final Map<cl_mem, Long> sizes = new HashMap<>();
    private final cl_mem dummy;
    private final cl_mem means;
    private final cl_mem vars;
    private final cl_mem logWeights;
    private final cl_mem table;

    /**
     * Allocates the buffers for chunks of up to {@code capacity} particles and uploads the target's
     * parameters.
     *
     * @throws BackendException OUT_OF_MEMORY if the device cannot hold them
     */
    public ExecutionPlan(OpenClContext ctx, OpenClProgram program, TaskGraph graph, int d, int capacity) {
        this.ctx = ctx;
        this.program = program;
        this.graph = graph;
        this.precision = program.precision();
        this.d = d;
        this.capacity = capacity;
        this.vw = program.vectorWidth();
        DeviceTarget t = graph.target();
        if (t.dimension() != d) {
            throw new IllegalArgumentException("target dimension " + t.dimension() + " != particle dimension " + d);
        }
        boolean ok = false;
        try {
            long bytes = (long) roundUp(capacity, vw) * d * precision.bytes();
            for (String name : graph.particleBuffers()) {
                track(name, ctx.allocate(name, bytes), bytes);
            }
            dummy = track("dummy", ctx.allocate("dummy", precision.bytes()), precision.bytes());
            means = upload("means", t.means());
            vars = upload("variances", t.variances());
            logWeights = upload("logWeights", t.logWeights());
            int tableLength;
            switch (t.family()) {
                case GAUSSIAN_DIAGONAL:
                    tableLength = d;
                    break;
                case GMM_ISOTROPIC:
                    tableLength = GmmDenoiser.isotropicTableLength(t.components());
                    break;
                default:
                    tableLength = GmmDenoiser.diagonalTableLength(t.components(), d);
            }
            long tb = (long) tableLength * precision.bytes();
            table = track("table", ctx.allocate("table", tb), tb);
            ok = true;
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    /**
     * Largest chunk (particles) such that every particle buffer, its rows padded to a multiple of
     * {@code vectorWidth}, fits the device's maximum allocation and all of them fit
     * {@link #MEMORY_FRACTION} of its global memory; capped at {@code n} and at {@code limit} (&gt; 0;
     * for tests and memory budgets).
     *
     * @throws BackendException OUT_OF_MEMORY if not even one particle group fits
     */
    public static int chunkCapacity(OpenClDevice device, TaskGraph graph, int n, int d, Precision precision,
                                    int limit, int vectorWidth) {
        long rowBytes = (long) d * precision.bytes();
        long byAlloc = device.maxAllocBytes() / rowBytes;
        long byTotal = (long) (device.globalMemBytes() * MEMORY_FRACTION) / (rowBytes * graph.particleBuffers().size());
        long cap = Math.min(byAlloc, byTotal) / vectorWidth * vectorWidth;
        cap = Math.min(cap, (Integer.MAX_VALUE - vectorWidth) / Math.max(d, 1));
        if (cap < vectorWidth) {
            throw new BackendException(Reason.OUT_OF_MEMORY, vectorWidth + " particle(s) of dimension " + d + " need "
                    + vectorWidth * rowBytes * graph.particleBuffers().size() + " bytes over "
                    + graph.particleBuffers().size() + " buffers, more than " + device.name() + " can hold (max allocation "
                    + device.maxAllocBytes() + " bytes, global memory " + device.globalMemBytes() + " bytes)");
        }
        cap = Math.min(cap, n);
        if (limit > 0) {
            cap = Math.min(cap, limit);
        }
        return (int) Math.max(cap, 1);
    }

    static int roundUp(int m, int w) {
        return (m + w - 1) / w * w;
    }

    /** Particles per chunk. */
    public int chunkCapacity() {
        return capacity;
    }

    private cl_mem track(String name, cl_mem m, long bytes) {
        buffers.put(name, m);
        sizes.put(m, bytes);
        return m;
    }

    private cl_mem upload(String name, double[] values) {
        long bytes = (long) Math.max(values.length, 1) * precision.bytes();
        cl_mem m = track(name, ctx.allocate(name, bytes), bytes);
        ctx.write(m, precision, values, 0, values.length);
        return m;
    }

    private cl_mem buffer(String name) {
        cl_mem m = buffers.get(name);
        if (m == null) {
            throw new IllegalStateException("task graph names buffer '" + name + "' that the plan did not allocate");
        }
        return m;
    }

    /**
     * Runs every step on {@code x} (n particles, coordinate-major, length n·d) chunk by chunk and
     * returns the final state as a new array.
     */
    public double[] run(double[] x, int n, long seed) {
        if ((long) n * d != x.length) {
            throw new IllegalArgumentException("state length " + x.length + " != n*d = " + n + "*" + d);
        }
        NoiseLayout.checkParticles(0, n);
        double[] result = new double[x.length];
        boolean direct = n <= capacity && n % vw == 0;
        double[] chunk = direct ? null : new double[roundUp(capacity, vw) * d];
        cl_mem state = buffer(TaskGraph.STATE);
        for (int offset = 0; offset < n; offset += capacity) {
            int m = Math.min(capacity, n - offset);
            int stride = roundUp(m, vw);
            if (direct) {
                ctx.write(state, precision, x, 0, n * d);
            } else {
                for (int j = 0; j < d; j++) {
                    System.arraycopy(x, j * n + offset, chunk, j * stride, m);
                    java.util.Arrays.fill(chunk, j * stride + m, (j + 1) * stride, 0.0);
                }
                ctx.write(state, precision, chunk, 0, stride * d);
            }
            long t0 = System.nanoTime();
            runSteps(stride, offset, seed);
            ctx.finish();
            ctx.profile().addWall(System.nanoTime() - t0);
            if (direct) {
                ctx.read(state, precision, result, 0, n * d);
            } else {
                ctx.read(state, precision, chunk, 0, stride * d);
                for (int j = 0; j < d; j++) {
                    System.arraycopy(chunk, j * stride, result, j * n + offset, m);
                }
            }
        }
        return result;
    }

    /** Enqueues all steps for one resident chunk with row stride m (a multiple of VW); no synchronisation. */
    private void runSteps(int m, int offset, long seed) {
        long groups = m / vw;
        DeviceTarget t = graph.target();
        List<List<TaskGraph.Task>> steps = graph.steps();
        int pairs = (d + 1) / 2;
        for (int i = 0; i < steps.size(); i++) {
            for (TaskGraph.Task task : steps.get(i)) {
                String name = task.kernel();
                KernelArgs a = new KernelArgs(program.kernel(name), precision);
                if (task instanceof TaskGraph.Prepare p) {
                    if (t.family() == DeviceTarget.Family.GAUSSIAN_DIAGONAL) {
                        a.i32(d).real(p.alpha()).real(p.sigma()).mem(vars).mem(table);
                        ctx.launch(name, program.kernel(name), d);
                    } else {
                        a.i32(d).i32(t.components()).real(p.alpha()).real(p.sigma()).mem(logWeights).mem(vars)
                                .mem(table);
                        ctx.launch(name, program.kernel(name), t.components());
                    }
                } else if (task instanceof TaskGraph.StageEval s) {
                    a.i32(m).i32(d);
                    combo(a, s.input(), i, offset, seed);
                    a.real(s.alpha());
                    if (t.family() == DeviceTarget.Family.GAUSSIAN_DIAGONAL) {
                        a.mem(means).mem(table);
                    } else {
                        a.i32(t.components()).mem(means).mem(table);
                    }
                    a.mem(buffer(s.model())).i32(s.point() != null ? 1 : 0)
                            .mem(s.point() != null ? buffer(s.point()) : dummy);
                    if (t.family() == DeviceTarget.Family.GAUSSIAN_DIAGONAL) {
                        ctx.launchLocal(name, program.kernel(name), ctx.streamLocal(2), groups, pairs);
                    } else {
                        ctx.launch(name, program.kernel(name), groups);
                    }
                } else if (task instanceof TaskGraph.Output o) {
                    a.i32(m).i32(d);
                    combo(a, o.combo(), i, offset, seed);
                    a.mem(buffer(TaskGraph.STATE));
                    ctx.launchLocal(name, program.kernel(name), ctx.streamLocal(2), groups, pairs);
                }
            }
        }
    }

    /** Sets the COMBO_PARAMS block (prelude.h) of one launch. */
    private void combo(KernelArgs a, TaskGraph.Combo c, int step, int offset, long seed) {
        int nt = c.termCount();
        a.real(c.a()).mem(c.a() != 0.0 ? buffer(TaskGraph.STATE) : dummy).i32(nt);
        for (int k = 0; k < difflab.kernels.KernelSources.MAX_TERMS; k++) {
            a.mem(k < nt ? buffer(c.terms().get(k)) : dummy);
        }
        for (int k = 0; k < difflab.kernels.KernelSources.MAX_TERMS; k++) {
            a.real(k < nt ? c.coefs()[k] : 0.0);
        }
        int nz = c.noiseStreams().length;
        a.i32(nz).i32(NoiseLayout.key0(seed)).i32(NoiseLayout.key1(seed)).i32(offset).i32(step);
        a.i32(nz > 0 ? c.noiseStreams()[0] : 0).real(nz > 0 ? c.noiseCoefs()[0] : 0.0);
        a.i32(nz > 1 ? c.noiseStreams()[1] : 0).real(nz > 1 ? c.noiseCoefs()[1] : 0.0);
    }

    @Override
    public void close() {
        for (Map.Entry<cl_mem, Long> e : sizes.entrySet()) {
            ctx.release(e.getKey(), e.getValue());
        }
        sizes.clear();
        buffers.clear();
    }
}
