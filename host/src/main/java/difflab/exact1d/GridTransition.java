package difflab.exact1d;

/**
 * One step of a sampler as a Markov kernel acting on 1-D grid densities by quadrature:
 * p<sub>out</sub>(z<sub>m</sub>) = h·Σ<sub>i</sub> k(z<sub>m</sub> | z<sub>i</sub>)·p<sub>in</sub>(z<sub>i</sub>) (docs/ALGORITHMS.md §6.4).
 */
public interface GridTransition {

    /** Applies the step to a density on this transition's grid. */
    Outcome apply(GridDensity in);

    /**
     * The result of one step.
     *
     * @param density             the output density
     * @param expectedEvaluations expected score evaluations of the step per sample, averaged over p<sub>in</sub>
     *                            (deterministic samplers: the exact count)
     * @param skippedMass         input mass of rows that were not propagated because their mass was negligible
     *                            or their kernel would leave the grid (it is lost from the output)
     */
    record Outcome(GridDensity density, double expectedEvaluations, double skippedMass) {
    }
}
