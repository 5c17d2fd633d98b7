package difflab.sampler;

import difflab.grid.TimeGrid;
import difflab.schedule.NoiseSchedule;

/**
 * What a sampler may read when it computes a step's coefficients: the schedule and the time grid. Holds no run
 * state. Grid index i runs over 0..N in sampling order, so step i goes from t[i] to t[i+1].
 */
public record SamplingContext(NoiseSchedule schedule, TimeGrid grid) {

    /** Number of steps N. */
    public int steps() {
        return grid.steps();
    }

    /** t[i]. */
    public double t(int i) {
        return grid.time(i);
    }

    /** α at grid point i. */
    public double alpha(int i) {
        return schedule.alpha(grid.time(i));
    }

    /** σ at grid point i. */
    public double sigma(int i) {
        return schedule.sigma(grid.time(i));
    }

    /** λ = log(α/σ) at grid point i. */
    public double lambda(int i) {
        return schedule.lambda(grid.time(i));
    }

    /** The noise-to-signal ratio σ/α at grid point i. */
    public double noiseToSignal(int i) {
        return schedule.noiseToSignal(grid.time(i));
    }

    /** λ step h = λ[i+1] − λ[i] of step i (positive when denoising). */
    public double h(int step) {
        return lambda(step + 1) - lambda(step);
    }

    /** Whether step i is the last one. */
    public boolean isLast(int step) {
        return step == steps() - 1;
    }
}
