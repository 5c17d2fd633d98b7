package difflab.sampler;

/**
 * A sampler as an immutable coefficient program (ARCHITECTURE "samplers are coefficient programs"): it states its
 * identity, nominal order and cost in one {@link SamplerInfo}, and computes each step's coefficients on the host, in
 * double, from the schedule and grid. It holds no run state; a backend executes the returned {@link StepProgram}s.
 *
 * <p>Where a new sampler goes (its class, one registry line, its entry in docs/ALGORITHMS.md, one order-table row):
 * docs/ARCHITECTURE.md, "Map".
 */
public interface Sampler {

    /** The sampler's id, description, source, nominal order, cost and flags. */
    SamplerInfo info();

    /** Stable id used on the command line and in results, e.g. {@code dpmpp-2m} ({@link SamplerInfo#id}). */
    default String id() {
        return info().id();
    }

    /** One line saying what the sampler is. */
    default String description() {
        return info().description();
    }

    /** The paper (with section or algorithm) the update rule comes from. */
    default String source() {
        return info().source();
    }

    /** The nominal (claimed) order of the global pathwise error, or of the weak error for stochastic samplers. */
    default int nominalOrder() {
        return info().nominalOrder();
    }

    /** Model evaluations per step in the steady state (the README's "NFE per step"). */
    default int evaluationsPerStep() {
        return info().evaluationsPerStep();
    }

    /** How many previous steps' evaluations the programs read (0 for singlestep samplers). */
    default int historyLength() {
        return info().historyLength();
    }

    /** Whether the programs inject noise. */
    default boolean stochastic() {
        return info().stochastic();
    }

    /** Whether the update rule is a reconstruction rather than a verified published formula. */
    default boolean reconstruction() {
        return info().reconstruction();
    }

    /**
     * The variant used to measure asymptotic orders: the same update rule with lower-order-final off (docs/ALGORITHMS.md §7.6:
     * lowering the order over the last steps caps the global order). Singlestep samplers return themselves.
     */
    default Sampler forOrderStudy() {
        return this;
    }

    /** The coefficient program of step {@code step} (0-based, from t[step] to t[step+1]). */
    StepProgram step(SamplingContext context, int step);

    /** Total model evaluations of a run with this context: the sum over its steps' programs. */
    default int totalEvaluations(SamplingContext context) {
        int total = 0;
        for (int i = 0; i < context.steps(); i++) {
            total += step(context, i).evaluations();
        }
        return total;
    }
}
