package difflab.core;

/**
 * A device backend cannot do what was asked, with a message that names the bad value and what is
 * accepted. Backends throw this instead of crashing the JVM or falling back silently to another
 * backend; the CLI prints {@link #getMessage()} and exits non-zero.
 */
public final class BackendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the backend failed. */
    public enum Reason {
        /** No platform / driver is installed or none can be loaded. */
        NO_PLATFORM,
        /** The requested device does not exist. */
        NO_DEVICE,
        /** The device lacks double precision and an fp64 run was requested. */
        NO_FP64,
        /** The kernel sources failed to compile; the message carries the build log. */
        BUILD_FAILED,
        /** A device allocation failed or would exceed the device's limits. */
        OUT_OF_MEMORY,
        /** The run needs something the kernels do not provide (target family, term count, ...). */
        UNSUPPORTED,
        /** Any other error reported by the device API. */
        DEVICE_ERROR
    }

    private final Reason reason;

    public BackendException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public BackendException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The failure category. */
    public Reason reason() {
        return reason;
    }
}
