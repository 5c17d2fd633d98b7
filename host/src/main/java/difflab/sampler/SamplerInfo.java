package difflab.sampler;

/**
 * What a {@link Sampler} says about itself, in one immutable value: its command-line id, a one-line description, the
 * source of its update rule, its nominal order, its cost per step and the history it reads, and two flags.
 *
 * <p>Build one with {@link #of} and, where they apply, {@link #withStochastic} and {@link #asReconstruction}.
 *
 * @param id                 stable id used on the command line and in results, e.g. {@code dpmpp-2m}
 * @param description        one line saying what the sampler is
 * @param source             the paper (with section or algorithm) or official code the update rule comes from
 * @param nominalOrder       the nominal (claimed) order of the global pathwise error, or of the weak error for
 *                           stochastic samplers; 0 where no order is claimed
 * @param evaluationsPerStep model evaluations per step in the steady state (the README's "NFE per step")
 * @param historyLength      how many previous steps' evaluations the programs read (0 for singlestep samplers)
 * @param stochastic         whether the programs inject noise
 * @param reconstruction     whether the update rule is a reconstruction rather than a verified published formula
 *                           (docs/ALGORITHMS.md, "reconstruction")
 */
public record SamplerInfo(String id, String description, String source, int nominalOrder, int evaluationsPerStep,
                          int historyLength, boolean stochastic, boolean reconstruction) {

    public SamplerInfo {
        if (id == null || id.isBlank() || description == null || source == null) {
            throw new IllegalArgumentException("sampler id='" + id + "', description=" + description + ", source="
                    + source + "; accepted: a non-blank id, non-null description and source");
        }
        if (nominalOrder < 0 || evaluationsPerStep < 1 || historyLength < 0) {
            throw new IllegalArgumentException("sampler " + id + ": nominalOrder=" + nominalOrder
                    + ", evaluationsPerStep=" + evaluationsPerStep + ", historyLength=" + historyLength
                    + "; accepted: nominalOrder >= 0, evaluationsPerStep >= 1, historyLength >= 0");
        }
    }

    /** A deterministic sampler whose update rule is a verified published formula. */
    public static SamplerInfo of(String id, String description, String source, int nominalOrder,
                                 int evaluationsPerStep, int historyLength) {
        return new SamplerInfo(id, description, source, nominalOrder, evaluationsPerStep, historyLength, false, false);
    }

    /** This record with {@link #stochastic()} set to {@code injectsNoise}. */
    public SamplerInfo withStochastic(boolean injectsNoise) {
        return new SamplerInfo(id, description, source, nominalOrder, evaluationsPerStep, historyLength, injectsNoise,
                reconstruction);
    }

    /** This record marked as a reconstruction (docs/ALGORITHMS.md, "reconstruction"). */
    public SamplerInfo asReconstruction() {
        return new SamplerInfo(id, description, source, nominalOrder, evaluationsPerStep, historyLength, stochastic,
                true);
    }
}
