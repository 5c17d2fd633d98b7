package difflab.exact;

/**
 * The law of the particles at the start time t<sub>T</sub> of a run, for exact propagation.
 */
public enum InitialLaw {
    /**
     * x<sub>T</sub> ~ N(0, I), what every backend draws ({@code InitialNoise.standardNormal}); the output then carries the
     * initialisation error of docs/ALGORITHMS.md §7.6 (of order α<sub>T</sub>²).
     */
    PRIOR,
    /** x<sub>T</sub> ~ p<sub>T</sub> = N(α<sub>T</sub>μ, α<sub>T</sub>²Σ + σ<sub>T</sub>²I), the exact noised marginal: no initialisation error. */
    EXACT_MARGINAL
}
