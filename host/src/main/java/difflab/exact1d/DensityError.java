package difflab.exact1d;

/**
 * Distances between a sampler's output density p and a reference density q (normally the target), from the
 * exact 1-D evaluation. KL is reported in both directions; the theory papers use KL(q ‖ p), target first
 * (docs/ALGORITHMS.md §7.2). KL is computed as ∫(q log(q/p) − q + p), which equals KL for normalised densities and is robust to
 * the grid's mass errors (see GridDensity).
 *
 * @param totalVariation  TV = ½∫|p − q|
 * @param klTargetToModel KL(q ‖ p) = ∫q log(q/p)
 * @param klModelToTarget KL(p ‖ q) = ∫p log(p/q)
 */
public record DensityError(double totalVariation, double klTargetToModel, double klModelToTarget) {
}
