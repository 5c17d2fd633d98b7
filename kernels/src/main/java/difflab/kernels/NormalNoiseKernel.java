package difflab.kernels;

/**
 * Standard normal noise from Philox4x32-10, addressed by (seed, particle, step, stream, coordinate)
 * as specified in {@link NoiseLayout}: the Java twin of the device kernel {@code normals} and of the
 * fused noise terms of {@code stage_*} and {@code output_step}.
 *
 * <p>Transcendentals ({@code log}, {@code sqrt}, {@code cos}, {@code sin}) use {@link Math}; device
 * versions agree to a few ulps (PLATFORM_NOTES.md), the uniforms bit for bit.
 */
public final class NormalNoiseKernel {

    private NormalNoiseKernel() {
    }

    /**
     * Writes standard normals to {@code out[j*n + i]} for particles {@code i} in {@code [from, to)}
     * and all coordinates {@code j < d}; particle {@code i} is global particle
     * {@code particleOffset + i}.
     *
     * @param seed           the run seed (the Philox key)
     * @param particleOffset global index of local particle 0 (for chunked runs)
     * @param step           step index, or {@link NoiseLayout#INITIAL_NOISE_STEP} for x_T
     * @param stream         independent stream within a step (e.g. one per noise term)
     * @throws IllegalArgumentException if a global particle index is outside [0, 2^32)
     */
    public static void fill(int n, int d, int from, int to, long seed, long particleOffset, int step,
                            int stream, double[] out) {
        KernelChecks.range(n, d, from, to);
        KernelChecks.length("out", out, n, d);
        NoiseLayout.checkParticles(particleOffset + from, to - from);
        final int k0 = NoiseLayout.key0(seed);
        final int k1 = NoiseLayout.key1(seed);
        final int[] w = new int[4];
        final int blocks = (d + 1) / 2;
        for (int b = 0; b < blocks; b++) {
            final int j0 = 2 * b;
            final boolean pair = j0 + 1 < d;
            final int o0 = j0 * n;
            final int o1 = o0 + n;
            for (int i = from; i < to; i++) {
                Philox4x32.block(b, step, (int) (particleOffset + i), stream, k0, k1, w, 0);
                double u1 = NoiseLayout.uniformOpenClosed(w[0], w[1]);
                double u2 = NoiseLayout.uniformClosedOpen(w[2], w[3]);
                double rho = Math.sqrt(-2.0 * Math.log(u1));
                double theta = NoiseLayout.TWO_PI * u2;
                out[o0 + i] = rho * Math.cos(theta);
                if (pair) {
                    out[o1 + i] = rho * Math.sin(theta);
                }
            }
        }
    }

    /** One normal: coordinate {@code j} of global particle {@code particle} (for tests and spot checks). */
    public static double normal(long seed, long particle, int step, int stream, int j) {
        NoiseLayout.checkParticles(particle, 1);
        int[] w = new int[4];
        Philox4x32.block(j / 2, step, (int) particle, stream, NoiseLayout.key0(seed),
                NoiseLayout.key1(seed), w, 0);
        double rho = Math.sqrt(-2.0 * Math.log(NoiseLayout.uniformOpenClosed(w[0], w[1])));
        double theta = NoiseLayout.TWO_PI * NoiseLayout.uniformClosedOpen(w[2], w[3]);
        return (j & 1) == 0 ? rho * Math.cos(theta) : rho * Math.sin(theta);
    }
}
