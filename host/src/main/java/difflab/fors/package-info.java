/**
 * First-order rejection sampling (FORS) and its diffusion instantiation, after Chen, Chewi, Daskalakis, Rakhlin,
 * "High-accuracy sampling for diffusion models and log-concave distributions" (arXiv 2602.01338; docs/ALGORITHMS.md §6).
 *
 * <p>How sure (docs/ALGORITHMS.md §6): the meta-algorithm ({@link difflab.fors.FirstOrderRejection}) is taken from AI-written
 * summaries of the paper (UNVERIFIED verbatim) and its identity E[Q | x] = e<sup>w(x) − B</sup> is DERIVED and tested;
 * the diffusion instantiation ({@link difflab.fors.ForsDiffusionSampler}: DDPM/Euler Gaussian proposal, reference
 * point, line-integral tilt estimator, B and step schedule) is a <b>reconstruction</b> (docs/ALGORITHMS.md §6.3 UNVERIFIED) and
 * is labelled so in code and reports.
 *
 * <p>Contents: the generic algorithm over a {@link difflab.fors.Proposal} and a {@link difflab.fors.TiltEstimator};
 * the one definition of its randomness ({@link difflab.fors.ForsNoise}); the diffusion sampler, its java-backend
 * runner ({@link difflab.fors.ForsRunner}, launches of a bounded number of tries per particle, as a device kernel
 * would run) and kernel twin ({@link difflab.fors.ForsStepKernel}); the Ornstein–Uhlenbeck schedule with a free
 * horizon and the tilt-scaled step schedule. The exact 1-D evaluation of the sampler is in {@link difflab.exact1d}.
 */
package difflab.fors;
