package difflab.experiment;

import difflab.grid.Grids;
import difflab.sampler.SamplingContext;
import difflab.schedule.NoiseSchedule;
import difflab.schedule.Schedules;

/** How a {@link Cell} becomes a schedule and grid: the one place every measurement builds its context. */
final class Cells {
    private Cells() {
    }

    /**
     * The schedule of the cell (built for its step axis: the chain length T for {@code li}) and its grid from the
     * schedule's T to its recommended t<sub>0</sub> with {@link Schedules#samplerSteps} steps.
     */
    static SamplingContext context(Cell cell) {
        NoiseSchedule schedule = Schedules.byName(cell.schedule(), cell.steps());
        int steps = Schedules.samplerSteps(cell.schedule(), cell.steps());
        return new SamplingContext(schedule, Grids.byName(cell.grid()).build(schedule, schedule.tMax(),
                schedule.tMinDefault(), steps));
    }
}
