package difflab.math;

/**
 * The exponential-integrator weight functions φ<sub>k</sub> evaluated at −h, in double precision.
 *
 * <p>Definition (docs/ALGORITHMS.md §0.4): φ<sub>0</sub>(z) = e<sup>z</sup> and
 * φ<sub>k</sub>(z) = ∫<sub>0</sub><sup>1</sup> e<sup>(1−θ)z</sup> θ<sup>k−1</sup>/(k−1)! dθ, so that
 * φ<sub>1</sub>(z) = (e<sup>z</sup>−1)/z, φ<sub>2</sub>(z) = (e<sup>z</sup>−1−z)/z²,
 * φ<sub>3</sub>(z) = (e<sup>z</sup>−1−z−z²/2)/z³, with limits 1, 1/2, 1/6 at z = 0. The key identity
 * ∫<sub>0</sub><sup>h</sup> e<sup>−(h−τ)</sup> τ<sup>k−1</sup>/(k−1)! dτ = h<sup>k</sup> φ<sub>k</sub>(−h) is why
 * exponential integrators use these weights.
 *
 * <p>Stable evaluation: φ<sub>1</sub> uses {@code expm1}. The closed forms of φ<sub>2</sub> and φ<sub>3</sub> cancel
 * catastrophically for small |z| (they lose about log10(2/|z|) and log10(6/z²) digits), so below
 * {@link #SERIES_THRESHOLD} they are summed from their Taylor series φ<sub>k</sub>(z) = Σ<sub>n≥0</sub> zⁿ/(n+k)!, and
 * between that threshold and {@link #CLOSED_FORM_THRESHOLD} a longer series is used; above it the
 * closed form with expm1 is exact to a few ulp. Sources (docs/ALGORITHMS.md §0.4, VERIFIED): RES4LYF / k-diffusion
 * {@code _phi_k} helpers and NVIDIA Cosmos {@code runge_kutta.py} (expm1 closed forms in float64); the series switch
 * is difflab's stability rule (docs/ALGORITHMS.md §0.4).
 *
 * <p>Accuracy requirement: relative error below 1e-14 for every h, checked by PhiTest against a 120-digit BigDecimal
 * series on log-spaced h in [1e-12, 50] and in the ulp neighbourhoods of both thresholds.
 */
public final class Phi {
    /** Below this |z| the series needs only {@link #SHORT_SERIES_TERMS} terms to reach double precision. */
    static final double SERIES_THRESHOLD = 1e-4;
    /** Below this |z| the closed forms of φ2, φ3 lose too many digits; a long series is used instead. */
    static final double CLOSED_FORM_THRESHOLD = 1.0;
    static final int SHORT_SERIES_TERMS = 6;
    static final int LONG_SERIES_TERMS = 30;

    private Phi() {
    }

    /** φ<sub>0</sub>(−h) = e<sup>−h</sup>. */
    public static double phi0(double h) {
        return Math.exp(-h);
    }

    /** φ<sub>1</sub>(−h) = (1 − e<sup>−h</sup>)/h = −expm1(−h)/h. */
    public static double phi1(double h) {
        if (h == 0.0) {
            return 1.0;
        }
        return -Math.expm1(-h) / h;
    }

    /** φ<sub>2</sub>(−h) = (e<sup>−h</sup> − 1 + h)/h². */
    public static double phi2(double h) {
        double z = -h;
        double az = Math.abs(z);
        if (az < CLOSED_FORM_THRESHOLD) {
            return series(z, 2, az < SERIES_THRESHOLD ? SHORT_SERIES_TERMS : LONG_SERIES_TERMS);
        }
        return (Math.expm1(z) - z) / (z * z);
    }

    /** φ<sub>3</sub>(−h) = (e<sup>−h</sup> − 1 + h − h²/2)/(−h)³. */
    public static double phi3(double h) {
        double z = -h;
        double az = Math.abs(z);
        if (az < CLOSED_FORM_THRESHOLD) {
            return series(z, 3, az < SERIES_THRESHOLD ? SHORT_SERIES_TERMS : LONG_SERIES_TERMS);
        }
        return (Math.expm1(z) - z - 0.5 * z * z) / (z * z * z);
    }

    /** φ<sub>k</sub>(−h) for k = 0..3. */
    public static double phi(int k, double h) {
        switch (k) {
            case 0: return phi0(h);
            case 1: return phi1(h);
            case 2: return phi2(h);
            case 3: return phi3(h);
            default: throw new IllegalArgumentException("phi order k=" + k + " is not supported; accepted: 0, 1, 2, 3");
        }
    }

    /** Σ<sub>n&lt;terms</sub> zⁿ/(n+k)!, summed from the smallest term up (Horner form). */
    private static double series(double z, int k, int terms) {
        double sum = 0.0;
        for (int n = terms - 1; n >= 0; n--) {
            sum = 1.0 / factorial(n + k) + z * sum;
        }
        return sum;
    }

    private static double factorial(int m) {
        double f = 1.0;
        for (int i = 2; i <= m; i++) {
            f *= i;
        }
        return f;
    }
}
