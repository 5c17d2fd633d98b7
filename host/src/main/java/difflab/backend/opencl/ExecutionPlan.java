package difflab.backend.opencl;

import difflab.backend.BackendException;
import difflab.backend.Chunking;
import difflab.backend.KernelCall;
import difflab.backend.Precision;
import difflab.backend.TaskGraph;
import difflab.kernels.NoiseLayout;
import difflab.target.DeviceTarget;
import java.util.HashMap;
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
    public static final double MEMORY_FRACTION = Chunking.MEMORY_FRACTION;

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
            dummy = track(TaskGraph.UNUSED, ctx.allocate(TaskGraph.UNUSED, precision.bytes()), precision.bytes());
            upload(TaskGraph.MEANS, t.means());
            upload(TaskGraph.VARIANCES, t.variances());
            upload(TaskGraph.LOG_WEIGHTS, t.logWeights());
            long tb = (long) graph.tableLength() * precision.bytes();
            track(TaskGraph.TABLE, ctx.allocate(TaskGraph.TABLE, tb), tb);
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
        return Chunking.capacity(device.name(), device.maxAllocBytes(), device.globalMemBytes(),
                graph.particleBuffers().size(), n, d, precision, limit, vectorWidth);
    }

    static int roundUp(int m, int w) {
        return Chunking.roundUp(m, w);
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
                Chunking.gather(x, n, d, offset, m, stride, chunk);
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
                Chunking.scatter(chunk, stride, m, result, n, d, offset);
            }
        }
        return result;
    }

    /** Enqueues all steps for one resident chunk with row stride m (a multiple of VW); no synchronisation. */
    private void runSteps(int m, int offset, long seed) {
        for (int i = 0; i < graph.steps().size(); i++) {
            for (KernelCall call : graph.launches(i, m, vw, offset, seed)) {
                String name = call.kernel();
                KernelArgs.bind(program.kernel(name), precision, call, this::buffer);
                if (call.globalSize().length == 2) {
                    // the 2-D kernels (combine, stage_gauss_diag) stream over particles x coordinate pairs
                    ctx.launchLocal(name, program.kernel(name), ctx.streamLocal(2), call.globalSize());
                } else {
                    ctx.launch(name, program.kernel(name), call.globalSize());
                }
            }
        }
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
