package difflab.exact;

import difflab.core.Particles;
import difflab.target.GaussianTarget;
import difflab.target.Target;

/** Test oracle: a Gaussian target whose score is off by the constant {@link ScoreBias}, D̃ = D + (σ²/α)b. */
final class BiasedScoreTarget implements Target {
    private final GaussianTarget base;
    private final double[] bias;

    BiasedScoreTarget(GaussianTarget base, ScoreBias bias) {
        this.base = base;
        this.bias = bias.vector();
    }

    @Override
    public String id() {
        return "biased(" + base.id() + ")";
    }

    @Override
    public int dimension() {
        return base.dimension();
    }

    @Override
    public void denoise(double alpha, double sigma, double[] x, int n, int from, int to, double[] out) {
        base.denoise(alpha, sigma, x, n, from, to, out);
        double scale = sigma * sigma / alpha;
        for (int j = 0; j < bias.length; j++) {
            for (int i = from; i < to; i++) {
                out[j * n + i] += scale * bias[j];
            }
        }
    }

    @Override
    public double logDensity(double alpha, double sigma, double[] point) {
        return base.logDensity(alpha, sigma, point);
    }

    @Override
    public Particles sample(int n, long seed) {
        return base.sample(n, seed);
    }

    @Override
    public double[] mean() {
        return base.mean();
    }

    @Override
    public double[][] covariance() {
        return base.covariance();
    }
}
