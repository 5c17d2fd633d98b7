package difflab.backend;

import difflab.core.Precision;

/** The difflab kernels built by a {@link DeviceDriver} for one precision, mixture size and vector width. */
public interface DeviceProgram extends AutoCloseable {

    /** The precision of {@code REAL}. */
    Precision precision();

    /** Particles per work-item ({@code VW}); particle row strides must be multiples of it. */
    int vectorWidth();

    /** The {@code GMM_MAX_K} the kernels were compiled with. */
    int maxComponents();

    /**
     * Whether the program also serves mixtures with fewer than {@link #maxComponents()} components (CUDA's
     * build-time PTX, compiled once for the largest mixture); otherwise it is built per mixture size.
     */
    boolean servesFewerComponents();

    /** Where the code came from when that is worth saying (e.g. the PTX source), else empty. */
    String origin();

    /** Wall time of the build (compile, load, JIT). */
    long buildNanos();

    @Override
    void close();
}
