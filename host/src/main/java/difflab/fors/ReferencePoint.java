package difflab.fors;

/**
 * The reference point y of a FORS diffusion step (docs/ALGORITHMS.md §6.3, UNVERIFIED: the paper's choice is not known), around
 * which log q<sub>t</sub> is linearised: log q<sub>t</sub>(x) = log q<sub>t</sub>(y) + ⟨s<sub>t</sub>(y), x − y⟩ + R(x).
 * Here a step goes from the noisier time s (state x<sub>s</sub>) to t, with x<sub>s</sub> = a·x<sub>t</sub> + b·ξ.
 */
public enum ReferencePoint {
    /** y = x<sub>s</sub>/a: no extra score evaluation. */
    RESCALED_STATE("rescaled-state", 0),
    /**
     * y = (x<sub>s</sub> + b²·s<sub>s</sub>(x<sub>s</sub>))/a, the DDPM mean, which is the exact posterior mean E[x<sub>t</sub> | x<sub>s</sub>]
     * (Tweedie's formula for the step): one extra score evaluation, at time s.
     */
    DDPM_MEAN("ddpm-mean", 1);

    private final String id;
    private final int extraEvaluations;

    ReferencePoint(String id, int extraEvaluations) {
        this.id = id;
        this.extraEvaluations = extraEvaluations;
    }

    /** Stable identifier used in sampler ids and on the command line. */
    public String id() {
        return id;
    }

    /** Score evaluations this choice adds per step and particle. */
    public int extraEvaluations() {
        return extraEvaluations;
    }

    /**
     * The reference point with this id.
     *
     * @throws IllegalArgumentException for an unknown id, listing the accepted ones
     */
    public static ReferencePoint byId(String id) {
        for (ReferencePoint r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reference point '" + id + "'; accepted: rescaled-state, ddpm-mean");
    }
}
