package difflab.backend.opencl;

import difflab.core.Precision;

/**
 * Child-JVM main of {@link OpenClSignalChainingTest}: opens an OpenCL context, then alternates kernel
 * builds (each re-installs PoCL's LLVM signal handlers) with garbage collections while four threads
 * spin in compiled loops, so that several threads hit their safepoint polls (SIGSEGV) at once. Without
 * signal chaining the process dies with SIGSEGV within a round or two on PoCL; it prints
 * {@value #SURVIVED} and exits 0 otherwise.
 */
public final class SignalChainingProbe {

    static final String SURVIVED = "signal-chaining probe survived";
    private static final int SPINNERS = 4;
    private static final int COLLECTIONS_PER_ROUND = 50;

    private static volatile boolean stop;

    private SignalChainingProbe() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        Thread[] spinners = new Thread[SPINNERS];
        for (int t = 0; t < SPINNERS; t++) {
            spinners[t] = new Thread(SignalChainingProbe::spin, "spinner-" + t);
            spinners[t].setDaemon(true);
            spinners[t].start();
        }
        try (OpenClDriver ctx = new OpenClDriver(OpenClDevices.select(OpenClDevices.AUTO, false))) {
            for (int r = 0; r < rounds; r++) {
                // a source no cache has seen, so that PoCL runs LLVM (and re-registers its handlers)
                String source = "__kernel void scale(__global float* x) { x[get_global_id(0)] *= " + (r + 2)
                        + ".0f; } // " + System.nanoTime();
                try (OpenClProgram p = new OpenClProgram(ctx, source, "", Precision.FP32)) {
                    p.kernel("scale");
                }
                for (int g = 0; g < COLLECTIONS_PER_ROUND; g++) {
                    System.gc();
                }
            }
        }
        stop = true;
        System.out.println(SURVIVED);
    }

    private static void spin() {
        double s = 0;
        long i = 0;
        while (!stop) {
            s += Math.sqrt(i++);
        }
        if (s < 0) {
            System.out.println(s);
        }
    }
}
