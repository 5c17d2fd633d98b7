package difflab.fors;

/**
 * The parameters of first-order rejection sampling (docs/ALGORITHMS.md §6.2): the clipping bound B (every estimate is clipped
 * to [−B, B], the Poisson mean is 2B) and the acceptance rule.
 *
 * @param bound B, 0 &lt; B ≤ {@link #MAX_BOUND}
 * @param rule  how the factors become a decision
 */
public record RejectionParameters(double bound, AcceptanceRule rule) {
    /**
     * Largest bound accepted: the acceptance probability can be as small as e<sup>−2B</sup>, so B = 20 already means up
     * to e<sup>40</sup> attempts; larger values are never useful and would only hide a mistake.
     */
    public static final double MAX_BOUND = 20.0;

    public RejectionParameters {
        if (!(bound > 0 && bound <= MAX_BOUND)) {
            throw new IllegalArgumentException("FORS bound B=" + bound + " is invalid; accepted: 0 < B <= " + MAX_BOUND);
        }
        if (rule == null) {
            throw new IllegalArgumentException("FORS acceptance rule is null; accepted: product, sequential");
        }
    }

    /** clip<sub>B</sub>(w) = max(−B, min(B, w)). */
    public double clip(double w) {
        return Math.max(-bound, Math.min(bound, w));
    }

    /** The factor (B + clip<sub>B</sub>(w))/(2B) ∈ [0, 1]. */
    public double factor(double w) {
        return (bound + clip(w)) / (2.0 * bound);
    }
}
