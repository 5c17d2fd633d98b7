package difflab.fors;

import difflab.core.Particles;
import difflab.target.Target;
import java.util.concurrent.atomic.AtomicLong;

/** Test-only wrapper that counts every denoiser evaluation (one per particle per call). */
final class CountingTarget implements Target {
    private final Target inner;
    private final AtomicLong evaluations = new AtomicLong();

    CountingTarget(Target inner) {
        this.inner = inner;
    }

    long evaluations() {
        return evaluations.get();
    }

    @Override
    public String id() {
        return "counting(" + inner.id() + ")";
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }

    @Override
    public void denoise(double alpha, double sigma, double[] x, int n, int from, int to, double[] out) {
        evaluations.addAndGet(to - from);
        inner.denoise(alpha, sigma, x, n, from, to, out);
    }

    @Override
    public double logDensity(double alpha, double sigma, double[] point) {
        return inner.logDensity(alpha, sigma, point);
    }

    @Override
    public Particles sample(int n, long seed) {
        return inner.sample(n, seed);
    }

    @Override
    public double[] mean() {
        return inner.mean();
    }

    @Override
    public double[][] covariance() {
        return inner.covariance();
    }
}
