package difflab.sampler.ode;

/**
 * Which φ SciRE-Solver divides its finite differences by (docs/ALGORITHMS.md §5.2, §5.5): the official step-dependent partial
 * sums of Σ(−1)<sup>k</sup>/(k+1)! ({@link SciRePhi}), or φ = 1, under which the recursive difference is the
 * plain divided difference. Both are registered so that their measured orders can be compared (docs/ALGORITHMS.md §5.5).
 */
public enum SciRePhiRule {
    /** The official schedule of {@link SciRePhi}; φ ∈ [0.625, 0.6667]. */
    OFFICIAL(""),
    /** φ = 1 at every step (a variant, not in the official code). */
    UNIT("-phi1");

    private final String idSuffix;

    SciRePhiRule(String idSuffix) {
        this.idSuffix = idSuffix;
    }

    /** The suffix this rule adds to a sampler id ("" or "-phi1"). */
    public String idSuffix() {
        return idSuffix;
    }

    /** φ of multistep step {@code step} (1-based grid point reached) of an {@code steps}-step run of order {@code order}. */
    public double multistep(int step, int steps, int order) {
        return this == UNIT ? 1.0 : SciRePhi.multistep(step, steps, order);
    }

    /** φ of singlestep step {@code step} (0-based) of a run with {@code steps} outer steps. */
    public double singlestep(int step, int steps) {
        return this == UNIT ? 1.0 : SciRePhi.singlestep(step, steps);
    }
}
