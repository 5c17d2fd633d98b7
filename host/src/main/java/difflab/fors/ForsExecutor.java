package difflab.fors;

/**
 * Something that runs {@link ForsJob}s: {@link ForsRunner} (java) or a device runner
 * ({@code difflab.backend.DeviceForsRunner} on OpenCL or CUDA). Every executor gives the same accepted particles
 * and the same NFE per particle for the same job, up to the last ulps of the device's transcendental functions.
 */
public interface ForsExecutor extends AutoCloseable {

    /** The backend id: {@code java}, {@code opencl} or {@code cuda}. */
    String backend();

    /** The device, in words ({@code java}: the thread count). */
    String device();

    /**
     * Runs the job.
     *
     * @throws IllegalStateException if a particle is rejected {@link ForsRunner#MAX_ATTEMPTS_PER_STEP} times in one
     *                               step or an estimate is NaN
     */
    ForsResult run(ForsJob job);

    /** Releases the device, if any. */
    @Override
    void close();
}
