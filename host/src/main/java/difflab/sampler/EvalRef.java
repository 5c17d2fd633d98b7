package difflab.sampler;

/**
 * Names one model evaluation of a run by the grid point it is filed under and its stage there, and carries the
 * time t and the (α, σ) at which it is made. Names are absolute: the evaluation a multistep sampler makes at grid
 * point j is {@code (j, 0)} whichever step made it, so a predictor–corrector whose one evaluation per step sits at
 * the new point (UniPC) and a sampler evaluating at the step's start read their history the same way.
 *
 * <p>A step program files its stages under its own step index i by default ({@code (i, 0)}, {@code (i, 1)}, …,
 * see {@link StepProgram.Builder#stage(LinearForm, double, double, double)}), or under any name it chooses
 * ({@link StepProgram.Builder#stage(LinearForm, EvalRef)}). {@link RunProgram} resolves every reference of a run
 * to the step and stage that made it, once, and rejects a reference to an evaluation never made, made later, or
 * made at another time or (α, σ) than the reference carries.
 *
 * @param point the grid point index the evaluation is filed under (0..N)
 * @param stage its index among the evaluations filed under that point
 * @param time  the schedule time t of the evaluation
 * @param alpha α<sub>t</sub>
 * @param sigma σ<sub>t</sub>
 */
public record EvalRef(int point, int stage, double time, double alpha, double sigma) {
    public EvalRef {
        if (point < 0 || stage < 0) {
            throw new IllegalArgumentException("EvalRef needs point >= 0 and stage >= 0, got (" + point + ", "
                    + stage + ")");
        }
    }

    /**
     * The first evaluation filed under grid point {@code point}, made at t<sub>point</sub> of the context's grid.
     *
     * @throws IllegalStateException if the grid has no such point (a program reading history before the first step)
     */
    public static EvalRef atGridPoint(SamplingContext c, int point) {
        if (point < 0 || point > c.steps()) {
            throw new IllegalStateException("grid point " + point + " does not exist (grid points 0.." + c.steps()
                    + "): a program reads an evaluation that was never made");
        }
        return new EvalRef(point, 0, c.t(point), c.alpha(point), c.sigma(point));
    }

    /** Whether {@code other} names the same evaluation (grid point and stage), whatever time it carries. */
    public boolean sameName(EvalRef other) {
        return point == other.point && stage == other.stage;
    }

    @Override
    public String toString() {
        return "eval(" + point + "." + stage + " at t=" + time + ")";
    }
}
