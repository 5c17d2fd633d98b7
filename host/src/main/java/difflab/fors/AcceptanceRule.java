package difflab.fors;

/**
 * How FORS turns the factors f<sub>j</sub> = (B + W<sub>j</sub>)/(2B) ∈ [0, 1], j = 1..J, J ~ Poisson(2B), into an
 * accept/reject decision. Both accept x with probability E[Π<sub>j≤J</sub> f<sub>j</sub> | x] = e<sup>w̃(x) − B</sup> (docs/ALGORITHMS.md §6.2,
 * DERIVED), w̃(x) = E[clip<sub>B</sub>(W) | x], so both produce the same accepted law; they differ only in cost.
 */
public enum AcceptanceRule {
    /**
     * docs/ALGORITHMS.md §6.2 as written (from the paper's summaries, UNVERIFIED verbatim): draw all J estimates, then accept if
     * a uniform is below Q = Π f<sub>j</sub>. Expected estimator draws per attempt: 2B.
     */
    PRODUCT("product"),
    /**
     * A cheaper equivalent (DERIVED here, not from the paper): flip an independent coin with success probability
     * f<sub>j</sub> after each draw and reject at the first failure. P(accept | x, J) = E[f | x]<sup>J</sup>, the same as
     * the product rule. Expected draws per attempt at x: 2B(1 − e<sup>w̃−B</sup>)/(B − w̃) ≤ 2B.
     */
    SEQUENTIAL("sequential");

    private final String id;

    AcceptanceRule(String id) {
        this.id = id;
    }

    /** Stable identifier used in sampler ids and on the command line. */
    public String id() {
        return id;
    }

    /**
     * The rule with this id.
     *
     * @throws IllegalArgumentException for an unknown id, listing the accepted ones
     */
    public static AcceptanceRule byId(String id) {
        for (AcceptanceRule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown acceptance rule '" + id + "'; accepted: product, sequential");
    }
}
