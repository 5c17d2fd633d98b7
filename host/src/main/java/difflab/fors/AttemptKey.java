package difflab.fors;

import difflab.kernels.NoiseLayout;

/**
 * The address of one FORS attempt, (seed, particle, step, attempt), and the random numbers that attempt may use,
 * drawn as {@link ForsNoise} specifies. Immutable; every accessor recomputes its Philox block, so two calls with
 * the same arguments return the same number.
 *
 * @param seed     the run seed (the Philox key)
 * @param particle global particle index, 0 ≤ particle &lt; 2<sup>32</sup>
 * @param step     step index, ≥ 0
 * @param attempt  attempt index within the step, 0 ≤ attempt &lt; 2<sup>31</sup>
 */
public record AttemptKey(long seed, long particle, int step, int attempt) {
    public AttemptKey {
        ForsNoise.checkKey(particle, step, attempt);
    }

    /** Standard normals of the proposal, coordinates 0..out.length−1 (Box–Muller pairs per {@link ForsNoise}). */
    public void proposalNormals(double[] out) {
        int[] w = new int[4];
        for (int j = 0; j < out.length; j += 2) {
            ForsNoise.block(seed, particle, step, attempt, ForsNoise.ROLE_PROPOSAL, j / 2, w);
            double rho = Math.sqrt(-2.0 * Math.log(NoiseLayout.uniformOpenClosed(w[0], w[1])));
            double theta = NoiseLayout.TWO_PI * NoiseLayout.uniformClosedOpen(w[2], w[3]);
            out[j] = rho * Math.cos(theta);
            if (j + 1 < out.length) {
                out[j + 1] = rho * Math.sin(theta);
            }
        }
    }

    /** The uniform in [0, 1) that fixes the Poisson count J by inversion. */
    public double poissonUniform() {
        int[] w = new int[4];
        ForsNoise.block(seed, particle, step, attempt, ForsNoise.ROLE_CONTROL, 0, w);
        return NoiseLayout.uniformClosedOpen(w[0], w[1]);
    }

    /** The uniform in [0, 1) compared with the product Q under {@link AcceptanceRule#PRODUCT}. */
    public double acceptUniform() {
        int[] w = new int[4];
        ForsNoise.block(seed, particle, step, attempt, ForsNoise.ROLE_CONTROL, 0, w);
        return NoiseLayout.uniformClosedOpen(w[2], w[3]);
    }

    /**
     * Uniform k in [0, 1) of estimator draw j.
     *
     * @throws IllegalArgumentException if j or k is outside the counter's range
     */
    public double estimatorUniform(int draw, int k) {
        ForsNoise.checkIndex("estimator draw", draw, ForsNoise.MAX_DRAWS);
        ForsNoise.checkIndex("uniform index k", k, ForsNoise.UNIFORMS_PER_DRAW);
        int[] w = new int[4];
        ForsNoise.block(seed, particle, step, attempt, ForsNoise.ROLE_ESTIMATOR, 2 * draw + k / 2, w);
        return (k & 1) == 0 ? NoiseLayout.uniformClosedOpen(w[0], w[1]) : NoiseLayout.uniformClosedOpen(w[2], w[3]);
    }

    /** The coin uniform in [0, 1) of factor j under {@link AcceptanceRule#SEQUENTIAL}. */
    public double coinUniform(int draw) {
        ForsNoise.checkIndex("coin index", draw, ForsNoise.MAX_INDEX);
        int[] w = new int[4];
        ForsNoise.block(seed, particle, step, attempt, ForsNoise.ROLE_COIN, draw, w);
        return NoiseLayout.uniformClosedOpen(w[0], w[1]);
    }
}
