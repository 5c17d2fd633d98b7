package difflab.fors;

import difflab.kernels.NoiseLayout;
import difflab.kernels.Philox4x32;

/**
 * The one place that says how first-order rejection sampling (FORS) draws its randomness. Every uniform, Poisson
 * count and normal of a FORS run comes from Philox4x32-10 ({@link Philox4x32}) keyed exactly like the rest of
 * difflab's noise ({@link NoiseLayout}: key = the run seed), with the counter built from
 * (role and index, step, particle, attempt):
 * <pre>
 *   key     = (k0, k1)       = (low 32 bits of seed, high 32 bits of seed)
 *   counter = (c0, c1, c2, c3) = ((role &lt;&lt; 28) | index,  step,  particle,  0x80000000 | attempt)
 *   (w0, w1, w2, w3) = Philox4x32-10(counter, key)
 *   u_a = NoiseLayout.uniformClosedOpen(w0, w1),   u_b = NoiseLayout.uniformClosedOpen(w2, w3)   in [0, 1)
 * </pre>
 * <table>
 * <caption>roles</caption>
 * <tr><th>role</th><th>index</th><th>use</th></tr>
 * <tr><td>{@value #ROLE_PROPOSAL} proposal</td><td>coordinate block b = j/2</td><td>Box–Muller normals of the
 *     proposal, coordinates 2b, 2b+1, exactly the transform of {@link NoiseLayout}
 *     (u1 = uniformOpenClosed(w0, w1), u2 = uniformClosedOpen(w2, w3))</td></tr>
 * <tr><td>{@value #ROLE_CONTROL} control</td><td>0</td><td>u_a: the Poisson(2B) count J (by inversion);
 *     u_b: the acceptance uniform of the product rule</td></tr>
 * <tr><td>{@value #ROLE_ESTIMATOR} estimator</td><td>2·j + k/2 for draw j</td><td>uniform k (0 ≤ k &lt;
 *     {@value #UNIFORMS_PER_DRAW}) of the j-th estimator draw W<sub>j</sub> (k = 0 is the line-integral U)</td></tr>
 * <tr><td>{@value #ROLE_COIN} coin</td><td>j</td><td>u_a: the coin of factor j under the sequential rule</td></tr>
 * </table>
 * <p>Step is the sampler's step index (0, 1, … in sampling order; the generic algorithm uses whatever step the
 * caller names), particle the global particle index, attempt the index of the proposal within the step for that
 * particle (0, 1, …). The top bit of c3 is set, so no FORS counter equals a counter of {@link
 * difflab.kernels.NormalNoiseKernel} (whose streams are non-negative ints); the steps ≥ 0 differ from the
 * reserved initial-noise and target steps (−1 … −4).
 *
 * <p>Consequences: a particle's whole trajectory (every proposal, every W, every acceptance decision) depends
 * only on (seed, particle), never on the batch size, the thread count, the order of work or how many tries a
 * launch makes before the runner relaunches for the particles still rejected.
 */
public final class ForsNoise {
    /** Role of the proposal's normals. */
    public static final int ROLE_PROPOSAL = 1;
    /** Role of the Poisson and acceptance uniforms. */
    public static final int ROLE_CONTROL = 2;
    /** Role of the estimator draws' uniforms. */
    public static final int ROLE_ESTIMATOR = 3;
    /** Role of the sequential rule's coins. */
    public static final int ROLE_COIN = 4;
    /** The role sits in the top bits of counter word 0, above this shift. */
    public static final int ROLE_SHIFT = 28;
    /** Exclusive bound of the index within a role. */
    public static final int MAX_INDEX = 1 << ROLE_SHIFT;
    /** Uniforms available to one estimator draw (two Philox blocks). */
    public static final int UNIFORMS_PER_DRAW = 4;
    /** Exclusive bound of the estimator draw index (two blocks per draw). */
    public static final int MAX_DRAWS = MAX_INDEX / 2;
    /** Bit set in counter word 3 that marks a FORS counter. */
    public static final int ATTEMPT_TAG = 0x8000_0000;
    /** Exclusive bound of the attempt index (31 bits). */
    public static final int MAX_ATTEMPTS = Integer.MAX_VALUE;

    private ForsNoise() {
    }

    /** Philox block for (role, index) of the given attempt, written to {@code out[0..3]}. */
    static void block(long seed, long particle, int step, int attempt, int role, int index, int[] out) {
        Philox4x32.block((role << ROLE_SHIFT) | index, step, (int) particle, ATTEMPT_TAG | attempt,
                NoiseLayout.key0(seed), NoiseLayout.key1(seed), out, 0);
    }

    /**
     * Checks a key's coordinates.
     *
     * @throws IllegalArgumentException naming the bad value and the accepted range
     */
    static void checkKey(long particle, int step, int attempt) {
        NoiseLayout.checkParticles(particle, 1);
        if (step < 0) {
            throw new IllegalArgumentException("FORS step=" + step + " is invalid; accepted: step >= 0");
        }
        if (attempt < 0) {
            throw new IllegalArgumentException("FORS attempt=" + attempt + " is invalid; accepted: 0 <= attempt < 2^31");
        }
    }

    /** Checks an index within a role. */
    static void checkIndex(String what, long index, long bound) {
        if (index < 0 || index >= bound) {
            throw new IllegalArgumentException(what + "=" + index + " is outside the FORS counter; accepted: 0 <= "
                    + what + " < " + bound);
        }
    }
}
