package difflab.fors;

/**
 * A Poisson(μ) count from one uniform by inversion of the CDF: the smallest k with u &lt; Σ<sub>i≤k</sub> e<sup>−μ</sup>μ<sup>i</sup>/i!,
 * accumulating the probabilities with the recurrence p<sub>k</sub> = p<sub>k−1</sub>·μ/k. Exact up to the rounding of
 * the running sum (relative 1e-16), so the count's law matches Poisson(μ) far below any Monte Carlo resolution.
 * The mean is limited to {@link #MAX_MEAN} so that e<sup>−μ</sup> stays a normal double.
 */
public final class PoissonInversion {
    /** Largest mean accepted (e<sup>−μ</sup> ≥ 1e-300 and the search stays short). */
    public static final double MAX_MEAN = 600.0;

    private PoissonInversion() {
    }

    /**
     * The Poisson(mean) count at uniform u.
     *
     * @throws IllegalArgumentException if mean is not in [0, {@value #MAX_MEAN}] or u is not in [0, 1)
     */
    public static int count(double mean, double u) {
        if (!(mean >= 0 && mean <= MAX_MEAN)) {
            throw new IllegalArgumentException("Poisson mean=" + mean + " is invalid; accepted: 0 <= mean <= " + MAX_MEAN);
        }
        if (!(u >= 0 && u < 1)) {
            throw new IllegalArgumentException("uniform u=" + u + " is invalid; accepted: 0 <= u < 1");
        }
        double p = Math.exp(-mean);
        double cdf = p;
        int k = 0;
        while (u >= cdf) {
            k++;
            p *= mean / k;
            double next = cdf + p;
            if (next == cdf) {
                // the remaining tail is below the rounding of the sum: u lies in it with probability < 1e-16
                break;
            }
            cdf = next;
        }
        return k;
    }
}
