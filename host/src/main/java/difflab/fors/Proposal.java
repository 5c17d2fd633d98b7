package difflab.fors;

/**
 * An exactly samplable proposal q of first-order rejection sampling (docs/ALGORITHMS.md §6.2). Implementations draw their
 * randomness only from the attempt's key ({@link AttemptKey#proposalNormals}), so a proposal is reproducible.
 */
public interface Proposal {

    /** Dimension of the samples. */
    int dimension();

    /** Writes one sample x ~ q for the given attempt into {@code out} (length {@link #dimension()}). */
    void sample(AttemptKey key, double[] out);
}
