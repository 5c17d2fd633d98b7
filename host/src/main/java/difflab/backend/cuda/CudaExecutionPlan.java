package difflab.backend.cuda;

import difflab.backend.BackendException;
import difflab.backend.Chunking;
import difflab.backend.KernelCall;
import difflab.backend.Precision;
import difflab.backend.TaskGraph;
import difflab.kernels.NoiseLayout;
import difflab.target.DeviceTarget;
import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUdeviceptr;

/**
 * A {@link TaskGraph} bound to CUDA device buffers: the CUDA twin of the OpenCL execution plan. It owns
 * every buffer of a run (freed on {@link #close}), uploads one chunk of particles, launches every step's
 * {@link KernelCall}s ({@link TaskGraph#launches}, the packing shared with OpenCL) with the data resident
 * on the device, and copies the state back once per chunk. Nothing is read back inside the step loop.
 *
 * <p>One particle per thread ({@code VW = 1}), so a chunk of m particles has row stride m and needs no
 * padding. Chunking as in {@link Chunking}: noise is keyed by the global particle index, so results do not
 * depend on the chunk size.
 */
public final class CudaExecutionPlan implements AutoCloseable {

    /** Particles per thread in the CUDA build of the kernels ({@code prelude.h} requires 1). */
    public static final int VECTOR_WIDTH = 1;

    private final CudaContext ctx;
    private final CudaModule module;
    private final TaskGraph graph;
    private final Precision precision;
    private final int d;
    private final int capacity;
    private final Map<String, CUdeviceptr> buffers = new HashMap<>();
    private final Map<CUdeviceptr, Long> sizes = new HashMap<>();

    /**
     * Allocates the buffers for chunks of up to {@code capacity} particles and uploads the target.
     *
     * @throws BackendException OUT_OF_MEMORY if the device cannot hold them
     */
    public CudaExecutionPlan(CudaContext ctx, CudaModule module, TaskGraph graph, int d, int capacity) {
        this.ctx = ctx;
        this.module = module;
        this.graph = graph;
        this.precision = module.precision();
        this.d = d;
        this.capacity = capacity;
        DeviceTarget t = graph.target();
        if (t.dimension() != d) {
            throw new IllegalArgumentException("target dimension " + t.dimension() + " != particle dimension " + d);
        }
        if (t.components() > module.maxComponents()) {
            throw new IllegalArgumentException("target has " + t.components() + " components but the module was built"
                    + " for at most " + module.maxComponents());
        }
        boolean ok = false;
        try {
            long bytes = (long) capacity * d * precision.bytes();
            for (String name : graph.particleBuffers()) {
                track(name, ctx.allocate(name, bytes), bytes);
            }
            track(TaskGraph.UNUSED, ctx.allocate(TaskGraph.UNUSED, precision.bytes()), precision.bytes());
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
     * Largest chunk such that all particle buffers fit {@link Chunking#MEMORY_FRACTION} of the device's free
     * memory; capped at {@code n} and {@code limit} (&gt; 0).
     *
     * @throws BackendException OUT_OF_MEMORY if not even one particle fits
     */
    public static int chunkCapacity(CudaContext ctx, TaskGraph graph, int n, int d, Precision precision, int limit) {
        long free = ctx.memoryInfo()[0];
        return Chunking.capacity(ctx.device().name(), free, free, graph.particleBuffers().size(), n, d, precision,
                limit, VECTOR_WIDTH);
    }

    /** Particles per chunk. */
    public int chunkCapacity() {
        return capacity;
    }

    private void track(String name, CUdeviceptr p, long bytes) {
        buffers.put(name, p);
        sizes.put(p, bytes);
    }

    private void upload(String name, double[] values) {
        long bytes = (long) Math.max(values.length, 1) * precision.bytes();
        CUdeviceptr p = ctx.allocate(name, bytes);
        track(name, p, bytes);
        ctx.write(p, precision, values, 0, values.length);
    }

    private CUdeviceptr buffer(String name) {
        CUdeviceptr p = buffers.get(name);
        if (p == null) {
            throw new IllegalStateException("task graph names buffer '" + name + "' that the plan did not allocate");
        }
        return p;
    }

    /**
     * Runs every step on {@code x} (n particles, coordinate-major, length n·d) chunk by chunk and returns
     * the final state as a new array.
     */
    public double[] run(double[] x, int n, long seed) {
        if ((long) n * d != x.length) {
            throw new IllegalArgumentException("state length " + x.length + " != n*d = " + n + "*" + d);
        }
        NoiseLayout.checkParticles(0, n);
        ctx.bind();
        double[] result = new double[x.length];
        boolean direct = n <= capacity;
        double[] chunk = direct ? null : new double[capacity * d];
        CUdeviceptr state = buffer(TaskGraph.STATE);
        for (int offset = 0; offset < n; offset += capacity) {
            int m = Math.min(capacity, n - offset);
            if (direct) {
                ctx.write(state, precision, x, 0, n * d);
            } else {
                Chunking.gather(x, n, d, offset, m, m, chunk);
                ctx.write(state, precision, chunk, 0, m * d);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < graph.steps().size(); i++) {
                for (KernelCall call : graph.launches(i, m, VECTOR_WIDTH, offset, seed)) {
                    ctx.launch(module.function(call.kernel()), call, precision, this::buffer);
                }
            }
            ctx.finish();
            ctx.profile().addWall(System.nanoTime() - t0);
            if (direct) {
                ctx.read(state, precision, result, 0, n * d);
            } else {
                ctx.read(state, precision, chunk, 0, m * d);
                Chunking.scatter(chunk, m, m, result, n, d, offset);
            }
        }
        return result;
    }

    @Override
    public void close() {
        for (Map.Entry<CUdeviceptr, Long> e : sizes.entrySet()) {
            ctx.release(e.getKey(), e.getValue());
        }
        sizes.clear();
        buffers.clear();
    }
}
