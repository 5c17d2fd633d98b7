package difflab.kernels;

/**
 * {@code exp} (of arguments &le; 0) and {@code log} as explicit IEEE operations, the Java twins of
 * {@code dl_expnp} and {@code dl_log} in {@code prelude.h}: both sides perform the same operations in the same
 * order (each multiply-add one {@code fma}), so the fp64 mixture denoiser gives the same bits on the java, OpenCL and
 * CUDA backends, where the platforms' own {@code exp}/{@code log} may differ from {@link Math}'s in the last ulp.
 *
 * <p>{@code expNonPositive(x)}: x = max(x, −708); k = rint(x/ln 2); r = x − k·ln2<sub>hi</sub> − k·ln2<sub>lo</sub>;
 * e<sup>r</sup> by Horner over the Taylor coefficients 1/13! … 1/0! (|r| &le; ln2/2, truncation below 5e−18);
 * result p·2<sup>k</sup> (exact). {@code log(x)}: x = m·2<sup>e</sup>, m in [√½, √2); s = (m−1)/(m+1), z = s²;
 * log m = 2s + 2s·z·t(z) with t = 1/3 + z/5 + … + z⁹/21 (Horner); log x = e·ln2<sub>hi</sub> + (e·ln2<sub>lo</sub> + log m).
 * Both are within a few ulps of the correctly rounded values (tested against {@link StrictMath}).
 */
public final class PortableMath {
    private static final double INV_LN2 = 1.4426950408889634;
    private static final double LN2_HI = 0.6931471805599453;
    private static final double LN2_LO = 2.3190468138462996e-17;
    private static final double EXP_ARGUMENT_FLOOR = -708.0;
    private static final double SQRT_HALF = 0.7071067811865476;

    private PortableMath() {
    }

    /** e<sup>x</sup> for x &le; 0 (arguments below −708 give e<sup>−708</sup>). */
    public static double expNonPositive(double x) {
        double y = Math.max(x, EXP_ARGUMENT_FLOOR);
        double k = Math.rint(y * INV_LN2);
        double r = Math.fma(k, -LN2_HI, y);
        r = Math.fma(k, -LN2_LO, r);
        double p = 1.6059043836821613e-10;
        p = Math.fma(p, r, 2.08767569878681e-09);
        p = Math.fma(p, r, 2.505210838544172e-08);
        p = Math.fma(p, r, 2.755731922398589e-07);
        p = Math.fma(p, r, 2.7557319223985893e-06);
        p = Math.fma(p, r, 2.48015873015873e-05);
        p = Math.fma(p, r, 0.0001984126984126984);
        p = Math.fma(p, r, 0.001388888888888889);
        p = Math.fma(p, r, 0.008333333333333333);
        p = Math.fma(p, r, 0.041666666666666664);
        p = Math.fma(p, r, 0.16666666666666666);
        p = Math.fma(p, r, 0.5);
        p = Math.fma(p, r, 1.0);
        p = Math.fma(p, r, 1.0);
        return Math.scalb(p, (int) k);
    }

    /** The natural logarithm of a positive normal x. */
    public static double log(double x) {
        int e = Math.getExponent(x) + 1;
        double m = Math.scalb(x, -e);
        if (m < SQRT_HALF) {
            m = m + m;
            e = e - 1;
        }
        double f = m - 1.0;
        double s = f / (f + 2.0);
        double z = s * s;
        double t = 0.047619047619047616;
        t = Math.fma(t, z, 0.05263157894736842);
        t = Math.fma(t, z, 0.058823529411764705);
        t = Math.fma(t, z, 0.06666666666666667);
        t = Math.fma(t, z, 0.07692307692307693);
        t = Math.fma(t, z, 0.09090909090909091);
        t = Math.fma(t, z, 0.1111111111111111);
        t = Math.fma(t, z, 0.14285714285714285);
        t = Math.fma(t, z, 0.2);
        t = Math.fma(t, z, 0.3333333333333333);
        double u = z * t;
        double s2 = s + s;
        double logm = Math.fma(s2, u, s2);
        double ee = e;
        return Math.fma(ee, LN2_HI, Math.fma(ee, LN2_LO, logm));
    }
}
