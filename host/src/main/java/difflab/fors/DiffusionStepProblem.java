package difflab.fors;

import difflab.target.Target;

/**
 * The proposal and tilt estimator of one particle in one FORS diffusion step (docs/ALGORITHMS.md §6.3; see
 * {@link ForsDiffusionSampler}), bound to that particle's prepared reference point y, score s<sub>t</sub>(y) and
 * proposal mean. Mutable scratch owned by one worker thread: {@link #bind} loads a particle, then the generic
 * {@link FirstOrderRejection} drives it. Every score call made through it is counted by the caller from the draw
 * counts FirstOrderRejection reports (one call per draw).
 */
final class DiffusionStepProblem implements Proposal, TiltEstimator {
    private final Target target;
    private final int d;
    private final double alphaTo;
    private final double sigmaToSquared;
    private final double omega;
    private final double[] y;
    private final double[] sy;
    private final double[] mean;
    private final double[] normals;
    private final double[] point;
    private final double[] denoised;

    DiffusionStepProblem(Target target, StepGeometry geometry) {
        this.target = target;
        this.d = target.dimension();
        this.alphaTo = geometry.alphaTo();
        this.sigmaToSquared = geometry.sigmaTo() * geometry.sigmaTo();
        this.omega = geometry.proposalStd();
        this.y = new double[d];
        this.sy = new double[d];
        this.mean = new double[d];
        this.normals = new double[d];
        this.point = new double[d];
        this.denoised = new double[d];
    }

    /** Loads particle i's prepared state from coordinate-major arrays of n particles. */
    void bind(int i, int n, double[] ys, double[] scores, double[] means) {
        for (int j = 0; j < d; j++) {
            y[j] = ys[j * n + i];
            sy[j] = scores[j * n + i];
            mean[j] = means[j * n + i];
        }
    }

    @Override
    public int dimension() {
        return d;
    }

    /** x = mean + ω·z, z from the attempt's proposal normals. */
    @Override
    public void sample(AttemptKey key, double[] out) {
        key.proposalNormals(normals);
        for (int j = 0; j < d; j++) {
            out[j] = mean[j] + omega * normals[j];
        }
    }

    /** W = ⟨s<sub>t</sub>(y + U(x − y)) − s<sub>t</sub>(y), x − y⟩ with U = the draw's uniform 0: one score call. */
    @Override
    public double draw(double[] x, AttemptKey key, int draw) {
        double u = key.estimatorUniform(draw, 0);
        for (int j = 0; j < d; j++) {
            point[j] = y[j] + u * (x[j] - y[j]);
        }
        target.denoise(alphaTo, Math.sqrt(sigmaToSquared), point, 1, 0, 1, denoised);
        double w = 0;
        for (int j = 0; j < d; j++) {
            double score = (alphaTo * denoised[j] - point[j]) / sigmaToSquared;
            w += (score - sy[j]) * (x[j] - y[j]);
        }
        return w;
    }
}
