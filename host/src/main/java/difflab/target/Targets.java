package difflab.target;

import java.util.List;

/** Parses target names given on the command line into {@link Target}s (the standard deterministic test targets). */
public final class Targets {
    /**
     * Accepted names: {@code gaussian} (N(μ, Σ) with diagonal Σ, {@link GaussianTarget#standard}(d, false)),
     * {@code gaussian-full} (the same eigenvalues in a rotated basis, {@code standard(d, true)}), {@code gmm}
     * (isotropic mixture, {@link GaussianMixtureTarget#standard}(d, K, true)) and {@code gmm-diag}
     * ({@code standard(d, K, false)}).
     */
    public static final List<String> NAMES = List.of("gaussian", "gaussian-full", "gmm", "gmm-diag");

    private Targets() {
    }

    /**
     * The standard target with this name in dimension d; {@code components} (K) is used by the mixtures only.
     *
     * @throws IllegalArgumentException for an unknown name (listing the accepted ones), d &lt; 1, or K &lt; 1 for a
     *     mixture
     */
    public static Target byName(String name, int d, int components) {
        if (name == null) {
            throw new IllegalArgumentException("target name is missing; accepted: " + String.join(", ", NAMES));
        }
        switch (name) {
            case "gaussian": return GaussianTarget.standard(d, false);
            case "gaussian-full": return GaussianTarget.standard(d, true);
            case "gmm": return GaussianMixtureTarget.standard(d, components, true);
            case "gmm-diag": return GaussianMixtureTarget.standard(d, components, false);
            default:
                throw new IllegalArgumentException("unknown target '" + name + "'; accepted: " + String.join(", ", NAMES));
        }
    }
}
