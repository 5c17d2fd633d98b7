package difflab.sampler;

/**
 * Names one model evaluation: stage {@code stage} of the step {@code stepsBack} steps before the current one
 * (0 = this step's own stages, 1 = the previous step, ...). Multistep samplers read their history through
 * references with {@code stepsBack > 0}.
 */
public record EvalRef(int stepsBack, int stage) {
    public EvalRef {
        if (stepsBack < 0 || stage < 0) {
            throw new IllegalArgumentException("EvalRef needs stepsBack >= 0 and stage >= 0, got (" + stepsBack + ", "
                    + stage + ")");
        }
    }

    /** Stage {@code stage} of the current step. */
    public static EvalRef current(int stage) {
        return new EvalRef(0, stage);
    }

    /** The first (usually only) evaluation of the step {@code stepsBack} steps ago. */
    public static EvalRef previous(int stepsBack) {
        return new EvalRef(stepsBack, 0);
    }
}
