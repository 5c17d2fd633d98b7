package difflab.fors;

/**
 * First-order rejection sampling (FORS), the core meta-algorithm of Chen, Chewi, Daskalakis, Rakhlin,
 * "High-accuracy sampling for diffusion models and log-concave distributions" (arXiv 2602.01338), as described
 * in docs/ALGORITHMS.md §6.2. Goal: sample π(x) ∝ q(x)·e<sup>w(x)</sup> when q is exactly samplable and w can only be estimated
 * without bias. One attempt:
 * <pre>
 *   x ~ q ;   J ~ Poisson(2B) ;   W_1..W_J ~ 𝒲_x i.i.d., each clipped to [−B, B]
 *   accept x with probability  Q = Π_{j≤J} (B + W_j)/(2B)          (each factor in [0, 1])
 * </pre>
 * repeated until an attempt accepts.
 *
 * <p><b>Identity (DERIVED, exact).</b> With m(x) = E[(B + clip W)/(2B) | x] = (B + w̃(x))/(2B),
 * E[Q | x] = Σ<sub>j</sub> e<sup>−2B</sup>(2B)<sup>j</sup>/j!·m<sup>j</sup> = e<sup>2B(m−1)</sup> = e<sup>w̃(x) − B</sup>. So accepted samples have law
 * ∝ q·e<sup>w̃</sup> exactly, and equal π when |W| ≤ B; otherwise the clipping bias is the only error. The attempt
 * count is geometric with success probability p = ∫q e<sup>w̃−B</sup>. How sure (docs/ALGORITHMS.md §6.2): the algorithm is
 * UNVERIFIED verbatim (from AI-written summaries of the paper), the identity above is DERIVED and tested
 * ({@code FirstOrderRejectionTest}).
 *
 * <p><b>Cost.</b> Every estimator draw is counted, including those of rejected attempts; the caller adds its own
 * fixed costs. Under {@link AcceptanceRule#PRODUCT} an attempt makes J draws (mean 2B); under
 * {@link AcceptanceRule#SEQUENTIAL} it stops at the first failed coin.
 *
 * <p>Randomness: {@link ForsNoise}; never {@code java.util.Random}.
 */
public final class FirstOrderRejection {

    private FirstOrderRejection() {
    }

    /**
     * The outcome of one attempt.
     *
     * @param accepted      whether x was accepted
     * @param poissonCount  J, the Poisson(2B) count
     * @param estimatorDraws estimator draws made (J under the product rule; up to the first failed coin under the
     *                      sequential rule)
     */
    public record AttemptOutcome(boolean accepted, int poissonCount, int estimatorDraws) {
    }

    /**
     * The outcome of a bounded run of attempts.
     *
     * @param accepted       whether some attempt accepted (then {@code x} holds it)
     * @param attempts       attempts made
     * @param estimatorDraws estimator draws made over all these attempts
     */
    public record TryOutcome(boolean accepted, int attempts, long estimatorDraws) {
    }

    /**
     * One attempt: draws x ~ q into {@code x}, then decides.
     *
     * @throws IllegalArgumentException if x's length differs from the proposal's dimension
     */
    public static AttemptOutcome attempt(Proposal proposal, TiltEstimator estimator, RejectionParameters parameters,
            AttemptKey key, double[] x) {
        if (x.length != proposal.dimension()) {
            throw new IllegalArgumentException("x has length " + x.length + " but the proposal has dimension "
                    + proposal.dimension());
        }
        proposal.sample(key, x);
        return decide(estimator, parameters, key, x);
    }

    /** The accept/reject decision for an already proposed x (the second half of {@link #attempt}). */
    public static AttemptOutcome decide(TiltEstimator estimator, RejectionParameters parameters, AttemptKey key,
            double[] x) {
        int j = PoissonInversion.count(2.0 * parameters.bound(), key.poissonUniform());
        if (parameters.rule() == AcceptanceRule.PRODUCT) {
            double q = 1.0;
            for (int i = 0; i < j; i++) {
                q *= parameters.factor(checked(estimator.draw(x, key, i), key, i));
            }
            return new AttemptOutcome(key.acceptUniform() < q, j, j);
        }
        for (int i = 0; i < j; i++) {
            double f = parameters.factor(checked(estimator.draw(x, key, i), key, i));
            if (!(key.coinUniform(i) < f)) {
                return new AttemptOutcome(false, j, i + 1);
            }
        }
        return new AttemptOutcome(true, j, j);
    }

    /** A NaN estimate would reject forever (every comparison with NaN is false): fail loudly instead. */
    private static double checked(double w, AttemptKey key, int draw) {
        if (Double.isNaN(w)) {
            throw new IllegalStateException("tilt estimator returned NaN at draw " + draw + " of " + key
                    + "; accepted: finite values (clipped to [-B, B]) or ±infinity");
        }
        return w;
    }

    /**
     * Up to {@code maxTries} attempts with indices {@code firstAttempt}, {@code firstAttempt + 1}, …, stopping at
     * the first acceptance (whose x is left in {@code x}). This is the unit of work of one launch: a runner that
     * relaunches for the particles still rejected, continuing from the next attempt index, produces exactly the
     * samples of one unbounded loop.
     *
     * @throws IllegalArgumentException if maxTries &lt; 1 or the attempt indices would leave the counter
     */
    public static TryOutcome tryAttempts(Proposal proposal, TiltEstimator estimator, RejectionParameters parameters,
            long seed, long particle, int step, int firstAttempt, int maxTries, double[] x) {
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries=" + maxTries + " is invalid; accepted: >= 1");
        }
        if ((long) firstAttempt + maxTries > ForsNoise.MAX_ATTEMPTS) {
            throw new IllegalArgumentException("attempts " + firstAttempt + " + " + maxTries
                    + " exceed the counter's attempt word; accepted: fewer than 2^31 attempts per step");
        }
        long draws = 0;
        for (int a = 0; a < maxTries; a++) {
            AttemptOutcome o = attempt(proposal, estimator, parameters, new AttemptKey(seed, particle, step,
                    firstAttempt + a), x);
            draws += o.estimatorDraws();
            if (o.accepted()) {
                return new TryOutcome(true, a + 1, draws);
            }
        }
        return new TryOutcome(false, maxTries, draws);
    }
}
