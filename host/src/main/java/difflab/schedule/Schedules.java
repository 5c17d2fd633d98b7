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

    /** {@link #byName(String, int, double, double)} with Li's default constants c0 = 2, c1 = 6. */
    public static NoiseSchedule byName(String name, int steps) {
        return byName(name, steps, LI_DEFAULT_C0, LI_DEFAULT_C1);
    }
}
