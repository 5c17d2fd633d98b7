package difflab.grid;

import difflab.schedule.NoiseSchedule;
import java.util.Arrays;

/**
 * The N+1 times t<sub>T</sub> = t[0] &gt; t[1] &gt; … &gt; t[N] = t<sub>0</sub> visited by a sampler with N steps, in
 * sampling order (step i goes from t[i] to t[i+1]). Immutable.
 */
public final class TimeGrid {
    private final double[] times;

    private TimeGrid(double[] times) {
        this.times = times;
    }

    /**
     * A grid from explicit times, which must decrease strictly and lie in (0, T] of the schedule.
     *
     * @throws IllegalArgumentException naming the first offending time
     */
    public static TimeGrid of(NoiseSchedule schedule, double... times) {
        if (times.length < 2) {
            throw new IllegalArgumentException("a time grid needs at least 2 times (1 step), got " + times.length);
        }
        for (int i = 0; i < times.length; i++) {
            schedule.requireTime("t[" + i + "]", times[i]);
            if (i > 0 && !(times[i] < times[i - 1])) {
                throw new IllegalArgumentException("time grid must decrease strictly: t[" + i + "]=" + times[i]
                        + " is not below t[" + (i - 1) + "]=" + times[i - 1]);
            }
        }
        return new TimeGrid(times.clone());
    }

    /** Number of steps N. */
    public int steps() {
        return times.length - 1;
    }

    /** t[i], for i = 0..N. */
    public double time(int i) {
        return times[i];
    }

    /** The start time t[0]. */
    public double start() {
        return times[0];
    }

    /** The end time t[N]. */
    public double end() {
        return times[times.length - 1];
    }

    /** All times (a copy). */
    public double[] times() {
        return times.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeGrid && Arrays.equals(times, ((TimeGrid) o).times);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(times);
    }

    @Override
    public String toString() {
        return "TimeGrid" + Arrays.toString(times);
    }
}
