package difflab.exact1d;

import difflab.target.Target;

/**
 * The law of F(X) for X with a grid density p and a strictly monotone map F known at the grid points (values and
 * slopes): the output of a sampler whose last step is deterministic (e.g. DDPM ancestral, which adds no noise in
 * its last step, Ho et al. Algorithm 2). Its distances to a reference density q are integrals over the grid
 * variable by the change of variables y = F(x) (DERIVED), as in {@link DeterministicPushforward}:
 * TV = ½∫|p(x) − q(F(x))|F'(x)||dx and the KLs likewise (generalised form of {@link GridDensity}). The identity map
 * gives exactly {@link GridDensity#errorAgainst}.
 */
public final class MappedDensity {
    private final GridDensity source;
    private final double[] image;
    private final double[] slope;

    private MappedDensity(GridDensity source, double[] image, double[] slope) {
        this.source = source;
        this.image = image;
        this.slope = slope;
    }

    /** X itself (F = identity). */
    public static MappedDensity identity(GridDensity density) {
        double[] z = density.grid().coordinates();
        double[] one = new double[z.length];
        java.util.Arrays.fill(one, 1.0);
        return new MappedDensity(density, z, one);
    }

    /**
     * F(X) with F(z<sub>i</sub>) = image[i] and F'(z<sub>i</sub>) = slope[i].
     *
     * @throws IllegalArgumentException on a length mismatch
     * @throws IllegalStateException    if F is not strictly monotone (slopes of both signs, or zero)
     */
    public static MappedDensity of(GridDensity density, double[] image, double[] slope) {
        int n = density.grid().points();
        if (image.length != n || slope.length != n) {
            throw new IllegalArgumentException("map has " + image.length + " values and " + slope.length
                    + " slopes for a grid of " + n + " points");
        }
        double sign = Math.signum(slope[0]);
        double[] magnitude = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(Math.signum(slope[i]) == sign && sign != 0)) {
                throw new IllegalStateException("map is not strictly monotone: F'=" + slope[0] + " at x="
                        + density.grid().point(0) + " but F'=" + slope[i] + " at x=" + density.grid().point(i)
                        + "; the change of variables needs a monotone map");
            }
            magnitude[i] = Math.abs(slope[i]);
        }
        return new MappedDensity(density, image.clone(), magnitude);
    }

    /** The density of X (before the map). */
    public GridDensity source() {
        return source;
    }

    /** ∫p, the mass of X (and of F(X)). */
    public double mass() {
        return source.mass();
    }

    /** TV and KLs of F(X) against the law of α·x<sub>0</sub> + σ·z of a 1-D target. */
    public DensityError errorAgainst(Target reference, double alpha, double sigma) {
        GridDensity.requireOneDimensional(reference);
        double h = source.grid().spacing();
        double tv = 0;
        double klQp = 0;
        double klPq = 0;
        double[] point = new double[1];
        for (int i = 0; i < image.length; i++) {
            point[0] = image[i];
            double q = Math.exp(reference.logDensity(alpha, sigma, point)) * slope[i];
            double p = source.value(i);
            tv += Math.abs(p - q);
            klQp += GridDensity.klTerm(q, p);
            klPq += GridDensity.klTerm(p, q);
        }
        return new DensityError(0.5 * h * tv, h * klQp, h * klPq);
    }

    /** ∫ q over F's image of the grid: ≈ 1 when the grid covers the reference's support. */
    public double coveredMass(Target reference, double alpha, double sigma) {
        double h = source.grid().spacing();
        double s = 0;
        double[] point = new double[1];
        for (int i = 0; i < image.length; i++) {
            point[0] = image[i];
            s += Math.exp(reference.logDensity(alpha, sigma, point)) * slope[i];
        }
        return h * s;
    }
}
