/**
 * Exact 1-D evaluation of samplers (docs/ALGORITHMS.md §6.4): densities on a fine uniform grid are pushed through a sampler's
 * transition kernels by quadrature, so TV and KL against the exact target come without Monte Carlo noise, down to
 * about 1e-10 and below.
 *
 * <ul>
 * <li>{@link difflab.exact1d.GaussianGridTransition}: kernels Gaussian in x given the previous state (DDPM-type
 * steps, built from any single-step coefficient program by {@link difflab.exact1d.StepProgramTransitions});</li>
 * <li>{@link difflab.exact1d.ForsGridTransition}: the accepted-output kernel of a FORS step, the normalised tilt
 * q·e<sup>w̃</sup>/Z, with the clipped tilt w̃ = E[clip<sub>B</sub> W | x] computed exactly (checked against
 * Gauss–Legendre over U, {@link difflab.exact1d.ClippedTilt});</li>
 * <li>{@link difflab.exact1d.DeterministicPushforward} and {@link difflab.exact1d.MappedDensity}: deterministic
 * maps (ODE samplers, noise-free last steps) by the change of variables;</li>
 * <li>{@link difflab.exact1d.DensityPropagation}: the step loop and its bookkeeping (expected NFE, mass).</li>
 * </ul>
 */
package difflab.exact1d;
