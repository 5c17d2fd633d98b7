package difflab.sampler;

import difflab.core.Particles;
import difflab.target.Target;

/** A test target whose denoiser is the constant c at every time (the exactness tests' model). */
final class ConstantDenoiserTarget implements Target {
    private final double[] c;

    ConstantDenoiserTarget(double[] c) {
        this.c = c.clone();
    }

    double value(int j) {
        return c[j];
    }

    @Override
    public String id() {
        return "constant-denoiser";
    }

    @Override
    public int dimension() {
        return c.length;
    }

    @Override
    public void denoise(double alpha, double sigma, double[] x, int n, int from, int to, double[] out) {
        for (int j = 0; j < c.length; j++) {
            for (int i = from; i < to; i++) {
                out[j * n + i] = c[j];
            }
        }
    }

    @Override
    public double logDensity(double alpha, double sigma, double[] point) {
        throw new UnsupportedOperationException("constant-denoiser has no density");
    }

    @Override
    public Particles sample(int n, long seed) {
        throw new UnsupportedOperationException("constant-denoiser has no samples");
    }

    @Override
    public double[] mean() {
        return c.clone();
    }

    @Override
    public double[][] covariance() {
        return new double[c.length][c.length];
    }
}
