package difflab.exact1d;

import java.util.stream.IntStream;

/**
 * A step whose kernel is Gaussian in x given the previous state x': k(x | x') = N(x; μ(x'), v). This is the
 * reverse kernel of every DDPM-type sampler (ancestral DDPM, Euler–Maruyama, DDIM with η &gt; 0, …) whose noise
 * enters only the output. The propagation is the matrix–vector product
 * p<sub>out</sub>(z<sub>m</sub>) = h·Σ<sub>i</sub> N(z<sub>m</sub>; μ<sub>i</sub>, v)·p<sub>in</sub>(z<sub>i</sub>), with the Gaussian normalised analytically, so
 * the output's mass is a genuine check of the grid: it is 1 only if the kernels stay on the grid and the
 * quadrature resolves them. Rows are parallel; entries more than {@link #BAND_STDS} standard deviations from
 * μ<sub>i</sub> are negligible (below 1e-31 of the row's peak) and are not computed.
 */
public final class GaussianGridTransition implements GridTransition {
    /** Entries beyond this many standard deviations (relative size e<sup>−72</sup> ≈ 5e-32) are not computed. */
    public static final double BAND_STDS = 12.0;
    /** The kernel's standard deviation must span at least this many grid spacings. */
    public static final double MIN_POINTS_PER_STD = 2.0;
    /** Input rows carrying less than this mass (h·p) are skipped and counted in the skipped mass. */
    public static final double NEGLIGIBLE_ROW_MASS = 1e-24;

    private final Grid1d grid;
    private final double[] means;
    private final double variance;
    private final double evaluations;

    /**
     * @param grid        the grid
     * @param means       μ(z<sub>i</sub>) for every grid point
     * @param variance    v &gt; 0
     * @param evaluations score evaluations of the step
     */
    public GaussianGridTransition(Grid1d grid, double[] means, double variance, double evaluations) {
        if (means.length != grid.points()) {
            throw new IllegalArgumentException("means has " + means.length + " entries for a grid of " + grid.points());
        }
        if (!(variance > 0 && Double.isFinite(variance))) {
            throw new IllegalArgumentException("kernel variance=" + variance + " is invalid; accepted: 0 < v < infinity");
        }
        if (Math.sqrt(variance) < MIN_POINTS_PER_STD * grid.spacing()) {
            throw new IllegalArgumentException("grid spacing h=" + grid.spacing() + " does not resolve a kernel of "
                    + "standard deviation " + Math.sqrt(variance) + "; accepted: h <= std/" + MIN_POINTS_PER_STD);
        }
        this.grid = grid;
        this.means = means.clone();
        this.variance = variance;
        this.evaluations = evaluations;
    }

    /** The kernel means (a copy). */
    public double[] means() {
        return means.clone();
    }

    public double variance() {
        return variance;
    }

    @Override
    public Outcome apply(GridDensity in) {
        if (!in.grid().equals(grid)) {
            throw new IllegalArgumentException("density grid " + in.grid() + " differs from the transition's " + grid);
        }
        int n = grid.points();
        double h = grid.spacing();
        double std = Math.sqrt(variance);
        double norm = 1.0 / (std * Math.sqrt(2 * Math.PI));
        double z0 = grid.lower();
        int[][] chunks = RowChunks.of(n);
        double[][] partial = new double[chunks.length][];
        double[] skipped = new double[chunks.length];
        IntStream.range(0, chunks.length).parallel().forEach(c -> {
            double[] out = new double[n];
            for (int i = chunks[c][0]; i < chunks[c][1]; i++) {
                double w = h * in.value(i);
                if (w < NEGLIGIBLE_ROW_MASS) {
                    skipped[c] += w;
                    continue;
                }
                double mu = means[i];
                int lo = Math.max(0, (int) Math.ceil((mu - BAND_STDS * std - z0) / h));
                int hi = Math.min(n - 1, (int) Math.floor((mu + BAND_STDS * std - z0) / h));
                for (int m = lo; m <= hi; m++) {
                    double r = (z0 + m * h - mu) / std;
                    out[m] += w * norm * Math.exp(-0.5 * r * r);
                }
            }
            partial[c] = out;
        });
        double[] out = RowChunks.sum(partial, n);
        double skip = 0;
        for (double s : skipped) {
            skip += s;
        }
        return new Outcome(GridDensity.adopt(grid, out), evaluations, skip);
    }
}
