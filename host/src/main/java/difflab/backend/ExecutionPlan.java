package difflab.backend;

import difflab.kernels.NoiseLayout;
import difflab.target.DeviceTarget;

/**
 * A {@link TaskGraph} bound to the buffers of a {@link DeviceSession} (OpenCL or CUDA): allocates every buffer of
 * a run (released by {@link #close}), uploads one chunk of particles, enqueues every step's {@link KernelCall}s
 * with the data resident on the device, and copies the state back once per chunk. Nothing is read back inside
 * the step loop; the host only binds arguments and enqueues.
 *
 * <p><b>Chunking.</b> Buffers hold {@link #chunkCapacity()} particles ({@link Chunking#capacity} chooses it from the
 * device's limits). A run of n particles is split into {@code ceil(n / capacity)} chunks processed one after
 * another; within a chunk of m particles the layout is coordinate-major with row stride m rounded up to the
 * kernels' vector width VW (OpenCL: the program's; CUDA: 1). The padding lanes compute on zeros and are never
 * copied back. Noise is addressed by the global particle index (chunk offset + i), so results do not depend on
 * the chunk size (NoiseLayout's contract).
 */
public final class ExecutionPlan implements AutoCloseable {
    private final DeviceSession session;
    private final TaskGraph graph;
    private final int d;
    private final int capacity;
    private final int vectorWidth;

    /**
     * Allocates the buffers for chunks of up to {@code capacity} particles and uploads the target's parameters.
     *
     * @param vectorWidth particles per work-item of the session's kernels
     * @throws BackendException OUT_OF_MEMORY if the device cannot hold them
     */
    public ExecutionPlan(DeviceSession session, TaskGraph graph, int d, int capacity, int vectorWidth) {
        this.session = session;
        this.graph = graph;
        this.d = d;
        this.capacity = capacity;
        this.vectorWidth = vectorWidth;
        DeviceTarget t = graph.target();
        if (t.dimension() != d) {
            throw new IllegalArgumentException("target dimension " + t.dimension() + " != particle dimension " + d);
        }
        int realBytes = session.precision().bytes();
        boolean ok = false;
        try {
            long bytes = (long) Chunking.roundUp(capacity, vectorWidth) * d * realBytes;
            for (String name : graph.particleBuffers()) {
                session.allocate(name, bytes);
            }
            session.allocate(TaskGraph.UNUSED, realBytes);
            upload(TaskGraph.MEANS, t.means());
            upload(TaskGraph.VARIANCES, t.variances());
            upload(TaskGraph.LOG_WEIGHTS, t.logWeights());
            if (t.family() == DeviceTarget.Family.GAUSSIAN_FULL) {
                upload(TaskGraph.BASIS, t.basis());
            }
            if (t.perturbation().isPresent()) {
                upload(TaskGraph.PERTURB_FREQUENCIES, t.perturbation().get().frequencies());
                upload(TaskGraph.PERTURB_PHASES, t.perturbation().get().phases());
            }
            session.allocate(TaskGraph.TABLE, (long) graph.tableLength() * realBytes);
            ok = true;
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    /** Particles per chunk. */
    public int chunkCapacity() {
        return capacity;
    }

    private void upload(String name, double[] values) {
        session.allocate(name, (long) Math.max(values.length, 1) * session.precision().bytes());
        session.writeReals(name, values, values.length);
    }

    /**
     * Runs every step on {@code x} (n particles, coordinate-major, length n·d) chunk by chunk and returns the
     * final state as a new array. The wall time of each chunk's step loop is added to the session's profile.
     */
    public double[] run(double[] x, int n, long seed) {
        if ((long) n * d != x.length) {
            throw new IllegalArgumentException("state length " + x.length + " != n*d = " + n + "*" + d);
        }
        NoiseLayout.checkParticles(0, n);
        double[] result = new double[x.length];
        boolean direct = n <= capacity && n % vectorWidth == 0;
        double[] chunk = direct ? null : new double[Chunking.roundUp(capacity, vectorWidth) * d];
        for (int offset = 0; offset < n; offset += capacity) {
            int m = Math.min(capacity, n - offset);
            int stride = Chunking.roundUp(m, vectorWidth);
            if (direct) {
                session.writeReals(TaskGraph.STATE, x, n * d);
            } else {
                Chunking.gather(x, n, d, offset, m, stride, chunk);
                session.writeReals(TaskGraph.STATE, chunk, stride * d);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < graph.steps().size(); i++) {
                for (KernelCall call : graph.launches(i, stride, vectorWidth, offset, seed)) {
                    session.launch(call);
                }
            }
            session.finish();
            session.profile().addWall(System.nanoTime() - t0);
            if (direct) {
                session.readReals(TaskGraph.STATE, result, n * d);
            } else {
                session.readReals(TaskGraph.STATE, chunk, stride * d);
                Chunking.scatter(chunk, stride, m, result, n, d, offset);
            }
        }
        return result;
    }

    /** Releases the plan's buffers (the session's kernels and context stay). */
    @Override
    public void close() {
        session.releaseBuffers();
    }
}
