package difflab.exact;

/**
 * The KL divergence between two one-dimensional Gaussians (spec §7.2, standard):
 * <pre>  KL(N(m0, v0) ‖ N(m1, v1)) = ½( v0/v1 − 1 − ln(v0/v1) + (m1 − m0)²/v1 )</pre>
 * evaluated as ½(r − log1p(r) + (m1−m0)²/v1) with r = (v0 − v1)/v1, and r − log1p(r) summed from its series
 * r²/2 − r³/3 + … when |r| &lt; {@link #SERIES_THRESHOLD}, so that KLs down to 1e-30 keep their relative precision.
 * A d-dimensional KL between Gaussians that share an eigenbasis is the sum over its directions.
 */
final class GaussianKl {
    /** Below this |r| the series is used for r − log1p(r). */
    static final double SERIES_THRESHOLD = 1e-3;
    static final int SERIES_TERMS = 8;

    private GaussianKl() {
    }

    /**
     * KL(N(m0, v0) ‖ N(m1, v1)).
     *
     * @throws IllegalArgumentException if a variance is not positive and finite
     */
    static double kl(double m0, double v0, double m1, double v1) {
        if (!(v0 > 0 && v1 > 0 && Double.isFinite(v0) && Double.isFinite(v1))) {
            throw new IllegalArgumentException("Gaussian KL needs positive finite variances, got v0=" + v0 + ", v1=" + v1);
        }
        double r = (v0 - v1) / v1;
        double dm = m1 - m0;
        return 0.5 * (rMinusLog1p(r) + dm * dm / v1);
    }

    /** r − log(1 + r), accurate for small |r|. */
    static double rMinusLog1p(double r) {
        if (Math.abs(r) >= SERIES_THRESHOLD) {
            return r - Math.log1p(r);
        }
        double sum = 0.0;
        double power = r;
        for (int k = 2; k < 2 + SERIES_TERMS; k++) {
            power *= r;
            sum += ((k % 2 == 0) ? 1.0 : -1.0) * power / k;
        }
        return sum;
    }
}
