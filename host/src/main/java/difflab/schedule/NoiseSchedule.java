package difflab.schedule;

/**
 * A variance-preserving noise schedule: the forward process is x<sub>t</sub> = α<sub>t</sub> x<sub>0</sub> + σ<sub>t</sub> z with
 * α<sub>t</sub>² + σ<sub>t</sub>² = 1 (docs/ALGORITHMS.md §0.2), on the time interval [0, {@link #tMax()}].
 *
 * <p>Every quantity is derived from log α<sub>t</sub>: σ<sub>t</sub> = sqrt(1 − α<sub>t</sub>²) (evaluated as
 * sqrt(−expm1(2 log α)) so it stays accurate when α ≈ 1), the half log-SNR λ<sub>t</sub> = log(α<sub>t</sub>/σ<sub>t</sub>),
 * which decreases in t, and its inverse {@link #timeOfLambda}. Implementations are immutable.
 */
public interface NoiseSchedule {

    /** Stable identifier, e.g. {@code linear-vp}. */
    String id();

    /** Largest time of the schedule, T (where sampling starts). */
    double tMax();

    /** The recommended end time t<sub>0</sub> of sampling for this schedule. */
    double tMinDefault();

    /** log α<sub>t</sub>. */
    double logAlpha(double t);

    /** The time whose half log-SNR is {@code lambda}: the inverse of {@link #lambda(double)}. */
    double timeOfLambda(double lambda);

    /** α<sub>t</sub>, the marginal signal scale. */
    default double alpha(double t) {
        return Math.exp(logAlpha(t));
    }

    /** σ<sub>t</sub> = sqrt(1 − α<sub>t</sub>²). */
    default double sigma(double t) {
        return Math.sqrt(-Math.expm1(2.0 * logAlpha(t)));
    }

    /** λ<sub>t</sub> = log(α<sub>t</sub>/σ<sub>t</sub>). */
    default double lambda(double t) {
        double logAlpha = logAlpha(t);
        return logAlpha - 0.5 * Math.log(-Math.expm1(2.0 * logAlpha));
    }

    /** The noise-to-signal ratio σ<sub>t</sub>/α<sub>t</sub> = e<sup>−λ<sub>t</sub></sup> (SciRE's ν, EDM's σ̃). */
    default double noiseToSignal(double t) {
        return Math.exp(-lambda(t));
    }

    /** log α for a given λ, from α² = 1/(1 + e<sup>−2λ</sup>): log α = −½ log(1 + e<sup>−2λ</sup>). */
    static double logAlphaOfLambda(double lambda) {
        return -0.5 * log1pExp(-2.0 * lambda);
    }

    /** log(1 + e<sup>u</sup>) without overflow. */
    static double log1pExp(double u) {
        return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    }

    /**
     * The smallest time at which the schedule is defined: 0 (excluded) for schedules defined down to the data, or a
     * positive time (included) below which the schedule is not defined (e.g. the first knot of a discrete schedule
     * in DPM-Solver's convention, below which extrapolated log α would turn positive).
     */
    default double tMin() {
        return 0.0;
    }

    /** Checks that t lies in (0, T], or in [tMin, T] when {@link #tMin()} &gt; 0; the message names the accepted range. */
    default void requireTime(String name, double t) {
        double lo = tMin();
        boolean inside = lo > 0 ? t >= lo && t <= tMax() : t > 0.0 && t <= tMax();
        if (!inside) {
            throw new IllegalArgumentException(name + "=" + t + " is outside the schedule '" + id() + "': accepted "
                    + (lo > 0 ? "[" + lo : "(0") + ", " + tMax() + "]");
        }
    }
}
