package difflab.core;

import difflab.kernels.NoiseLayout;
import difflab.kernels.NormalNoiseKernel;

/**
 * The initial state x<sub>T</sub> ~ N(0, I) of a run (docs/ALGORITHMS.md §7.6: the prior, not q<sub>T</sub>), drawn from the Philox
 * stream reserved for it ({@link NoiseLayout#INITIAL_NOISE_STEP}), so particle i's start depends only on
 * (seed, i).
 */
public final class InitialNoise {
    private InitialNoise() {
    }

    /** n standard normal particles in d dimensions. */
    public static Particles standardNormal(int n, int d, long seed) {
        double[] x = new double[n * d];
        NormalNoiseKernel.fill(n, d, 0, n, seed, 0L, NoiseLayout.INITIAL_NOISE_STEP, NoiseLayout.INITIAL_NOISE_STREAM, x);
        return Particles.adopt(n, d, x);
    }
}
