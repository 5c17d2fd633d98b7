package difflab.sampler;

/**
 * The start-up and wind-down rules of a multistep sampler, explicit rather than hidden defaults (docs/ALGORITHMS.md §4.3,
 * §5.3, §7.6).
 *
 * <p>Warm-up: with too little history, step i (0-based) runs at order min(order, i + 1), as DPM-Solver does
 * (the only warm-up implemented; exact starting history is not available for general targets).
 *
 * @param lowerOrderFinal whether and when the last steps drop their order: at step i the order becomes
 *                        min(order, N − i)
 */
public record MultistepOptions(LowerOrderFinal lowerOrderFinal) {

    /** When the order is lowered over the final steps. */
    public enum LowerOrderFinal {
        /** Never (use this for order measurements). */
        OFF,
        /** Only when the run has fewer than {@link #DPM_SOLVER_FEW_STEPS} steps: DPM-Solver's default. */
        BELOW_10_STEPS,
        /** At any step count: SciRE-Solver's default. */
        ALWAYS
    }

    /** DPM-Solver lowers the final order only below this many steps. */
    public static final int DPM_SOLVER_FEW_STEPS = 10;

    /** DPM-Solver's defaults: warm-up, lower order at the end below 10 steps. */
    public static MultistepOptions dpmSolverDefaults() {
        return new MultistepOptions(LowerOrderFinal.BELOW_10_STEPS);
    }

    /** Warm-up only, no lowering at the end: the setting for order measurements. */
    public static MultistepOptions noLowerOrderFinal() {
        return new MultistepOptions(LowerOrderFinal.OFF);
    }

    /** The order step {@code step} (0-based) of an {@code steps}-step run actually uses. */
    public int effectiveOrder(int order, int step, int steps) {
        int o = Math.min(order, step + 1);
        boolean lower = switch (lowerOrderFinal) {
            case OFF -> false;
            case BELOW_10_STEPS -> steps < DPM_SOLVER_FEW_STEPS;
            case ALWAYS -> true;
        };
        if (lower) {
            o = Math.min(o, steps - step);
        }
        return o;
    }
}
