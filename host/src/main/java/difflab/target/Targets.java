package difflab.target;

import java.util.List;

/** Parses target names given on the command line. */
public final class Targets {
    public static final List<String> NAMES = List.of("gaussian", "gaussian-full", "gmm", "gmm-diag");

    private Targets() {
    }

    /**
     * The standard target with this name in dimension d (k components for mixtures).
     *
     * @throws IllegalArgumentException for an unknown name (listing the accepted ones) or invalid d, k
     */
    public static Target byName(String name, int d, int k) {
        switch (name) {
            case "gaussian": return GaussianTarget.standard(d, false);
            case "gaussian-full": return GaussianTarget.standard(d, true);
            case "gmm": return GaussianMixtureTarget.standard(d, k, true);
            case "gmm-diag": return GaussianMixtureTarget.standard(d, k, false);
            default:
                throw new IllegalArgumentException("unknown target '" + name + "'; accepted: " + String.join(", ", NAMES));
        }
    }
}
