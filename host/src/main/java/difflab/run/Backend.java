package difflab.run;

import difflab.core.Profile;
import java.util.Optional;

/**
 * Executes samplers' coefficient programs on some device. Implementations: {@link JavaBackend} (the kernels'
 * plain-Java twins, always available, the test oracle), and the OpenCL and CUDA backends. A backend owns
 * device resources and is closed after use; it never falls back silently to another backend.
 */
public interface Backend extends AutoCloseable {

    /** {@code java}, {@code opencl} or {@code cuda}. */
    String id();

    /** A human-readable description of the device used. */
    String device();

    /** Runs the job and returns the final particles. */
    SamplingResult sample(SamplingJob job);

    /** Kernel, copy and build times of the last {@link #sample} call, where the backend records them. */
    default Optional<Profile> lastRunProfile() {
        return Optional.empty();
    }

    @Override
    void close();
}
