package difflab.grid;

import java.util.List;

/** Parses grid names given on the command line into {@link GridType}s. */
public final class Grids {
    public static final List<String> NAMES = List.of("uniform-t", "quadratic-t", "logsnr", "karras", "nsr");

    private Grids() {
    }

    /**
     * The grid type with this name, using {@code parameter} for Karras (ρ) and NSR (k); NaN selects the default.
     *
     * @throws IllegalArgumentException for an unknown name, listing the accepted ones
     */
    public static GridType byName(String name, double parameter) {
        switch (name) {
            case "uniform-t": return new GridType.UniformTime();
            case "quadratic-t": return new GridType.QuadraticTime();
            case "logsnr": return new GridType.UniformLogSnr();
            case "karras": return new GridType.Karras(Double.isNaN(parameter) ? GridType.Karras.DEFAULT_RHO : parameter);
            case "nsr": return new GridType.Nsr(Double.isNaN(parameter) ? GridType.Nsr.DEFAULT_K : parameter);
            default:
                throw new IllegalArgumentException("unknown grid '" + name + "'; accepted: " + String.join(", ", NAMES));
        }
    }

    /** {@link #byName(String, double)} with the default parameter. */
    public static GridType byName(String name) {
        return byName(name, Double.NaN);
    }
}
