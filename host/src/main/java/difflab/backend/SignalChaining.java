package difflab.backend;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Guards the JVM's signal handlers against native OpenCL drivers.
 *
 * <p>PoCL installs LLVM's crash handlers (SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGTRAP, SIGUSR2, SIGINT,
 * SIGTERM, with {@code SA_RESETHAND}) and its own SIGFPE handler when a context is created, and again
 * when it compiles a kernel. HotSpot uses SIGSEGV for safepoint polls and implicit null checks, so the
 * first time two Java threads fault at once after that, the second finds the default disposition and
 * the process dies with "Segmentation fault" and no {@code hs_err} file. It happened in CI (a forked
 * surefire JVM, exit 139) and is reproduced deterministically by {@code OpenClSignalChainingTest}.
 *
 * <p>The remedy is HotSpot's signal chaining: with {@code libjsig.so} preloaded ({@code LD_PRELOAD}),
 * a native {@code sigaction} after the JVM's own is recorded and chained behind the JVM handler
 * instead of replacing it. {@code ./difflab}, the GPU bundle's {@code run} scripts and the surefire
 * configuration preload it; this class warns once when a device backend starts without it.
 * (Oracle, "JNI: Signal Chaining", Java SE troubleshooting guide.)
 */
public final class SignalChaining {

    /** The environment variable through which the dynamic loader preloads libraries. */
    public static final String PRELOAD_VARIABLE = "LD_PRELOAD";
    /** HotSpot's signal-chaining library. */
    public static final String LIBRARY = "libjsig.so";

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private SignalChaining() {
    }

    /** Whether signal chaining matters here (Linux) and {@value #LIBRARY} is in {@value #PRELOAD_VARIABLE}. */
    public static boolean active() {
        return !onLinux() || preloads(System.getenv(PRELOAD_VARIABLE));
    }

    /** Whether a {@value #PRELOAD_VARIABLE} value names {@value #LIBRARY}. */
    public static boolean preloads(String preload) {
        if (preload == null) {
            return false;
        }
        for (String entry : preload.split("[:\\s]+")) {
            if (entry.endsWith("/" + LIBRARY) || entry.equals(LIBRARY)) {
                return true;
            }
        }
        return false;
    }

    /** The line to preload the running JVM's {@value #LIBRARY}. */
    public static String remedy() {
        return PRELOAD_VARIABLE + "=" + System.getProperty("java.home") + "/lib/" + LIBRARY;
    }

    /**
     * Prints a warning to stderr, once per JVM, when {@code backend} is about to load native code
     * that may replace the JVM's signal handlers and {@link #active()} is false.
     */
    public static void warnIfInactive(String backend) {
        if (!active() && WARNED.compareAndSet(false, true)) {
            System.err.println("difflab: warning: " + backend + " drivers such as PoCL replace the JVM's signal"
                    + " handlers, which can crash the JVM (exit 139). Start difflab with ./difflab, or set "
                    + remedy() + ".");
        }
    }

    private static boolean onLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }
}
