package difflab.run;

import difflab.core.Particles;

/**
 * The outcome of a run: the particles at t<sub>0</sub>, the number of model evaluations (NFE) used, and the
 * wall-clock seconds of the step loop.
 */
public record SamplingResult(Particles particles, int evaluations, double seconds) {
}
