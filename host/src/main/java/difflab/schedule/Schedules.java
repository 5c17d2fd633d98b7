package difflab.schedule;

import java.util.List;

/** Parses schedule names given on the command line into {@link NoiseSchedule}s. */
public final class Schedules {
    /** Accepted schedule names; {@code li} takes T from the step count and c0, c1 from options. */
    public static final List<String> NAMES = List.of("linear-vp", "cosine-vp", "ddpm-linear", "li");
    public static final double LI_DEFAULT_C0 = 2.0;
    public static final double LI_DEFAULT_C1 = 6.0;

    private Schedules() {
    }

    /**
     * The schedule with this name. {@code li} needs the number of steps (T) and c0, c1.
     *
     * @throws IllegalArgumentException for an unknown name, listing the accepted ones
     */
    public static NoiseSchedule byName(String name, int steps, double c0, double c1) {
        switch (name) {
            case "linear-vp": return LinearVpSchedule.standard();
            case "cosine-vp": return new CosineVpSchedule();
            case "ddpm-linear": return DiscreteSchedule.ddpmLinear();
            case "li": return DiscreteSchedule.liEtAl(steps, c0, c1);
            default:
                throw new IllegalArgumentException("unknown schedule '" + name + "'; accepted: " + String.join(", ", NAMES));
        }
    }

    /**
     * The number of sampler steps of a run whose step-count axis is {@code steps}. For {@code li} the axis is the
     * chain length T of Li et al.: the schedule's knots are n/T, and the sampler makes T − 1 transitions
     * X<sub>T</sub> → X<sub>1</sub> on them (the paper's analysis is of the law of X<sub>1</sub>; with the uniform-t grid every
     * step is one transition of the chain). For every other schedule it is {@code steps}.
     */
    public static int samplerSteps(String name, int steps) {
        return "li".equals(name) ? steps - 1 : steps;
    }

    /** {@link #byName(String, int, double, double)} with Li's default constants c0 = 2, c1 = 6. */
    public static NoiseSchedule byName(String name, int steps) {
        return byName(name, steps, LI_DEFAULT_C0, LI_DEFAULT_C1);
    }
}
