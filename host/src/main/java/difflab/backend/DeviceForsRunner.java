package difflab.backend;

import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import difflab.core.Particles;
import difflab.core.Precision;
import difflab.core.Profile;
import difflab.fors.AcceptanceRule;
import difflab.fors.ForsDiffusionSampler;
import difflab.fors.ForsExecutor;
import difflab.fors.ForsJob;
import difflab.fors.ForsResult;
import difflab.fors.ForsRunner;
import difflab.fors.ReferencePoint;
import difflab.fors.StepGeometry;
import difflab.kernels.NoiseLayout;
import difflab.sampler.SamplingContext;
import difflab.target.DeviceTarget;
import difflab.target.Target;
import java.util.List;
import static difflab.backend.KernelCall.buf;
import static difflab.backend.KernelCall.i32;
import static difflab.backend.KernelCall.real;

/**
 * Runs the FORS diffusion sampler ({@link ForsDiffusionSampler}, a reconstruction, docs/ALGORITHMS.md §6.3) on a device
 * ({@link DeviceSession}: OpenCL or CUDA) in fp64, with the structure of the Java twin {@link ForsRunner}, the
 * particles resident on the device for the whole run:
 * <pre>
 * per step:  *_prepare kernels: the target's denoiser tables at (α_t, σ_t) and (DDPM-mean reference) (α_s, σ_s)
 *            fors_prepare: y, s_t(y), proposal mean for every particle; pending list = all particles
 *            repeat  fors_launch over the pending particles, at most triesPerLaunch attempts each, resuming at
 *                    each particle's next attempt index; fors_compact keeps the rejected ones (device-side);
 *                    read back two ints (kept count, NaN flag)
 *            until   no particle is pending
 * </pre>
 * No per-particle work is done on the host inside the step loop. Estimator draws (the NFE) and attempts
 * accumulate on the device and are read once at the end; NFE = the fixed score calls of the preparation + every
 * estimator draw, as in the Java runner. Randomness is {@link difflab.fors.ForsNoise} in both, so the particles
 * equal the Java runner's up to the last ulps of the device's log/cos/sin/exp.
 * Targets: the device families (Gaussian diagonal, mixtures isotropic / diagonal); others are UNSUPPORTED.
 */
public final class DeviceForsRunner implements ForsExecutor {
    /** The kernel: one launch of the attempt loop (fors.cl). */
    public static final String KERNEL = "fors_launch";

    /** {@code FORS_FAMILY_GAUSS_DIAG} of fors.cl. */
    static final int FAMILY_GAUSS_DIAG = 0;
    /** {@code FORS_FAMILY_GMM_ISO} of fors.cl. */
    static final int FAMILY_GMM_ISO = 1;
    /** {@code FORS_FAMILY_GMM_DIAG} of fors.cl. */
    static final int FAMILY_GMM_DIAG = 2;

    private static final String Y = "fors.y";
    private static final String SCORE_AT_Y = "fors.sy";
    private static final String PROPOSAL_MEAN = "fors.mean";
    private static final String OUT = "fors.x";
    private static final String NEXT_ATTEMPT = "fors.next";
    private static final String DRAWS = "fors.draws";
    private static final String ATTEMPTS = "fors.attempts";
    private static final String PENDING = "fors.pending";
    private static final String ACCEPTED = "fors.accepted";
    /** The pending list being built by {@value #COMPACT_KERNEL} (swapped with {@link #PENDING} after each launch). */
    private static final String KEPT = "fors.kept";
    /** {kept count, NaN particle + 1} written by {@value #COMPACT_KERNEL}. */
    private static final String COUNTER = "fors.counter";
    /** The denoiser table at (α_from, σ_from), for the DDPM-mean reference point. */
    private static final String TABLE_FROM = "fors.tableFrom";
    /** The device half of each step's preparation (y, s_t(y), proposal mean; fors.cl). */
    public static final String PREPARE_KERNEL = "fors_prepare";
    /** The pending-list compaction after each launch (fors.cl). */
    public static final String COMPACT_KERNEL = "fors_compact";
    /** Scratch column of the estimator's stage point (n·d), overwritten by the denoiser in place. */
    private static final String STAGE_POINT = "fors.point";

    private final DeviceSession session;
    private int runs;

    /**
     * A runner on {@code session}, which it owns (closed by {@link #close}).
     *
     * @throws BackendException UNSUPPORTED unless the session computes in fp64
     */
    public DeviceForsRunner(DeviceSession session) {
        if (session.precision() != Precision.FP64) {
            session.close();
            throw new BackendException(Reason.UNSUPPORTED, "FORS runs in fp64 only (its acceptance decisions compare"
                    + " uniforms with products of clipped estimates); accepted: --precision fp64");
        }
        this.session = session;
    }

    @Override
    public String backend() {
        return session.backend();
    }

    @Override
    public String device() {
        return session.device();
    }

    /** Kernel times, copies and wall time of the last run (the first run's also has the build time). */
    public Profile profile() {
        return session.profile();
    }

    @Override
    public ForsResult run(ForsJob job) {
        Target target = job.target();
        // fors.cl evaluates the diagonal Gaussian and the mixtures only, without a score perturbation
        DeviceTarget dt = target.deviceTarget()
                .filter(t -> t.family() != DeviceTarget.Family.GAUSSIAN_FULL && t.perturbation().isEmpty())
                .orElseThrow(() -> new BackendException(Reason.UNSUPPORTED,
                "target " + target.id() + " has no FORS device kernel; FORS on " + backend() + " accepts Gaussian targets"
                        + " with diagonal covariance and Gaussian mixtures with isotropic or diagonal components"));
        Profile profile = runs++ == 0 ? session.profile() : session.resetProfile();
        long t0 = System.nanoTime();
        try {
            return runOnDevice(job, dt);
        } finally {
            profile.addWall(System.nanoTime() - t0);
            session.releaseBuffers();
        }
    }

    private ForsResult runOnDevice(ForsJob job, DeviceTarget dt) {
        long start = System.nanoTime();
        Target target = job.target();
        int n = job.initial().count();
        int d = target.dimension();
        ForsDiffusionSampler sampler = job.sampler();
        SamplingContext context = job.context();
        long reals = (long) n * d * Double.BYTES;
        upload(TaskGraph.MEANS, dt.means());
        upload(TaskGraph.VARIANCES, dt.variances());
        upload(TaskGraph.LOG_WEIGHTS, dt.logWeights());
        session.allocate(TaskGraph.TABLE, (long) TaskGraph.tableLength(dt) * Double.BYTES);
        session.allocate(TABLE_FROM, (long) TaskGraph.tableLength(dt) * Double.BYTES);
        for (String name : List.of(Y, SCORE_AT_Y, PROPOSAL_MEAN, OUT, STAGE_POINT)) {
            session.allocate(name, reals);
        }
        for (String name : List.of(NEXT_ATTEMPT, PENDING, KEPT, ACCEPTED)) {
            session.allocate(name, (long) n * Integer.BYTES);
        }
        session.allocate(COUNTER, 2L * Integer.BYTES);
        session.allocate(DRAWS, (long) n * Long.BYTES);
        session.allocate(ATTEMPTS, (long) n * Long.BYTES);
        session.writeLongs(DRAWS, new long[n], n);
        session.writeLongs(ATTEMPTS, new long[n], n);
        session.writeReals(OUT, job.initial().toArray(), n * d);
        int[] counter = new int[2];
        long launches = 0;
        for (int step = 0; step < context.steps(); step++) {
            StepGeometry g = StepGeometry.of(context, step);
            boolean ddpmMean = sampler.reference() == ReferencePoint.DDPM_MEAN;
            if (ddpmMean) {
                session.launch(TaskGraph.prepareCall(dt, g.alphaFrom(), g.sigmaFrom(), TABLE_FROM));
            }
            session.launch(TaskGraph.prepareCall(dt, g.alphaTo(), g.sigmaTo()));
            session.launch(prepareStepCall(dt, g, n, ddpmMean));
            String pending = PENDING;
            String kept = KEPT;
            int count = n;
            long triesSoFar = 0;
            while (count > 0) {
                session.launch(launchCall(job, dt, g, step, count, pending));
                session.writeInts(COUNTER, new int[2], 2);
                session.launch(compactCall(count, pending, kept));
                session.readInts(COUNTER, counter, 2);
                launches++;
                triesSoFar += job.triesPerLaunch();
                if (counter[1] != 0) {
                    throw new IllegalStateException("tilt estimator returned NaN for particle " + (counter[1] - 1)
                            + " in step " + step + " of " + sampler.id() + "; accepted: finite values");
                }
                count = counter[0];
                if (count > 0 && triesSoFar >= ForsRunner.MAX_ATTEMPTS_PER_STEP) {
                    int[] first = new int[1];
                    session.readInts(kept, first, 1);
                    throw new IllegalStateException("particle " + first[0] + " was rejected " + triesSoFar
                            + " times in step " + step + " of " + sampler.id()
                            + "; the acceptance probability has collapsed: lower B or the tilt");
                }
                String swap = pending;
                pending = kept;
                kept = swap;
            }
        }
        double[] x = new double[n * d];
        session.readReals(OUT, x, n * d);
        long[] draws = new long[n];
        long[] attempts = new long[n];
        session.readLongs(DRAWS, draws, n);
        session.readLongs(ATTEMPTS, attempts, n);
        long fixed = (long) context.steps() * (1 + sampler.reference().extraEvaluations());
        long[] evaluations = new long[n];
        long attemptTotal = 0;
        for (int i = 0; i < n; i++) {
            evaluations[i] = fixed + draws[i];
            attemptTotal += attempts[i];
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new ForsResult(Particles.adopt(n, d, x), evaluations, attemptTotal, launches, seconds);
    }

    /**
     * The {@value #PREPARE_KERNEL} launch of one step over all n particles (state in the OUT buffer; public for the
     * PTX signature test).
     */
    public static KernelCall prepareStepCall(DeviceTarget dt, StepGeometry g, int n, boolean ddpmMean) {
        return new KernelCall(PREPARE_KERNEL, List.of(i32(n), i32(dt.dimension()), i32(familyCode(dt.family())),
                i32(dt.components()), real(g.a()), real(g.bSquared()), i32(ddpmMean ? 1 : 0), real(g.alphaFrom()),
                real(g.sigmaFrom() * g.sigmaFrom()), real(g.alphaTo()), real(g.sigmaTo() * g.sigmaTo()),
                buf(TaskGraph.MEANS), buf(ddpmMean ? TABLE_FROM : TaskGraph.TABLE), buf(TaskGraph.TABLE), buf(OUT),
                buf(Y), buf(SCORE_AT_Y), buf(PROPOSAL_MEAN), buf(STAGE_POINT), buf(NEXT_ATTEMPT), buf(PENDING)),
                new long[] {n});
    }

    /**
     * The {@value #KERNEL} launch of step {@code step} over the first {@code count} pending slots, arguments in
     * fors.cl's order (public for the PTX signature test).
     */
    public static KernelCall launchCall(ForsJob job, DeviceTarget dt, StepGeometry g, int step, int count) {
        return launchCall(job, dt, g, step, count, PENDING);
    }

    /** {@link #launchCall(ForsJob, DeviceTarget, StepGeometry, int, int)} over the pending list {@code pending}. */
    static KernelCall launchCall(ForsJob job, DeviceTarget dt, StepGeometry g, int step, int count, String pending) {
        double bound = job.sampler().parameters().bound();
        List<KernelCall.Arg> a = List.of(
                i32(count), buf(pending), i32(job.initial().count()), i32(dt.dimension()), i32(familyCode(dt.family())),
                i32(dt.components()), real(g.alphaTo()), real(g.sigmaTo() * g.sigmaTo()), real(g.proposalStd()),
                real(bound), real(2.0 * bound), real(Math.exp(-2.0 * bound)),
                i32(job.sampler().parameters().rule() == AcceptanceRule.SEQUENTIAL ? 1 : 0),
                i32(NoiseLayout.key0(job.seed())), i32(NoiseLayout.key1(job.seed())), i32(step),
                i32(job.triesPerLaunch()), buf(TaskGraph.MEANS), buf(TaskGraph.TABLE), buf(Y), buf(SCORE_AT_Y),
                buf(PROPOSAL_MEAN), buf(OUT), buf(NEXT_ATTEMPT), buf(DRAWS), buf(ATTEMPTS), buf(ACCEPTED),
                buf(STAGE_POINT));
        return new KernelCall(KERNEL, a, new long[] {count});
    }

    /** The {@value #COMPACT_KERNEL} launch over {@code count} slots of {@code pending} into {@code kept} (public for tests). */
    public static KernelCall compactCall(int count, String pending, String kept) {
        return new KernelCall(COMPACT_KERNEL, List.of(i32(count), buf(pending), buf(ACCEPTED), buf(kept), buf(COUNTER)),
                new long[] {count});
    }

    /** The target family's code in fors.cl ({@code FORS_FAMILY_*}). */
    static int familyCode(DeviceTarget.Family family) {
        return switch (family) {
            case GAUSSIAN_DIAGONAL -> FAMILY_GAUSS_DIAG;
            case GMM_ISOTROPIC -> FAMILY_GMM_ISO;
            case GMM_DIAGONAL -> FAMILY_GMM_DIAG;
            case GAUSSIAN_FULL -> throw new BackendException(Reason.UNSUPPORTED,
                    "fors_launch has no full-covariance Gaussian; accepted: diagonal Gaussians and mixtures");
        };
    }

    private void upload(String name, double[] values) {
        session.allocate(name, (long) Math.max(1, values.length) * Double.BYTES);
        session.writeReals(name, values, values.length);
    }

    @Override
    public void close() {
        session.close();
    }
}
