package difflab.fors;

import difflab.target.Target;

/**
 * The plain-Java twin of a FORS step on the device (ARCHITECTURE "kernels"): static methods over coordinate-major
 * primitive arrays (x[j·n + i]) with the particle loop outermost, no allocation inside the loop. A step is
 * {@link #prepare} once, then {@link #launch} repeatedly over the particles still rejected; each launch makes at
 * most {@code triesPerLaunch} attempts per particle and resumes from that particle's next attempt index, so the
 * samples do not depend on how the attempts are split into launches (the keys are in {@link ForsNoise}). A device
 * kernel would mirror exactly these two loops, with the host compacting the pending list between launches.
 */
public final class ForsStepKernel {

    private ForsStepKernel() {
    }

    /**
     * Per particle i in [from, to): the reference point y, the score s<sub>t</sub>(y) and the proposal mean
     * x<sub>s</sub>/a + (b²/a²)s<sub>t</sub>(y); adds the fixed score calls of the step to {@code evaluations[i]}.
     */
    public static void prepare(int n, int from, int to, Target target, StepGeometry g, ReferencePoint reference,
            double[] x, double[] y, double[] sy, double[] mean, long[] evaluations) {
        int d = target.dimension();
        double[] point = new double[d];
        double[] denoised = new double[d];
        double a = g.a();
        double b2 = g.bSquared();
        double sigmaFrom2 = g.sigmaFrom() * g.sigmaFrom();
        double sigmaTo2 = g.sigmaTo() * g.sigmaTo();
        int fixed = 1 + reference.extraEvaluations();
        for (int i = from; i < to; i++) {
            if (reference == ReferencePoint.DDPM_MEAN) {
                for (int j = 0; j < d; j++) {
                    point[j] = x[j * n + i];
                }
                target.denoise(g.alphaFrom(), g.sigmaFrom(), point, 1, 0, 1, denoised);
                for (int j = 0; j < d; j++) {
                    double score = (g.alphaFrom() * denoised[j] - point[j]) / sigmaFrom2;
                    y[j * n + i] = (point[j] + b2 * score) / a;
                }
            } else {
                for (int j = 0; j < d; j++) {
                    y[j * n + i] = x[j * n + i] / a;
                }
            }
            for (int j = 0; j < d; j++) {
                point[j] = y[j * n + i];
            }
            target.denoise(g.alphaTo(), g.sigmaTo(), point, 1, 0, 1, denoised);
            for (int j = 0; j < d; j++) {
                double score = (g.alphaTo() * denoised[j] - point[j]) / sigmaTo2;
                sy[j * n + i] = score;
                mean[j * n + i] = x[j * n + i] / a + (b2 / (a * a)) * score;
            }
            evaluations[i] += fixed;
        }
    }

    /**
     * One launch over {@code pending[from..to)}: for each listed particle i, up to {@code triesPerLaunch} attempts
     * starting at attempt {@code nextAttempt[i]}; on acceptance writes x<sub>t</sub> to {@code xOut} and sets
     * {@code done[i]}. Adds every estimator draw (one score call each) to {@code evaluations[i]}, the attempts to
     * {@code nextAttempt[i]}.
     */
    public static void launch(int[] pending, int from, int to, int n, Target target, StepGeometry g,
            RejectionParameters parameters, long seed, int step, double[] y, double[] sy, double[] mean, double[] xOut,
            int[] nextAttempt, boolean[] done, long[] evaluations, int triesPerLaunch) {
        int d = target.dimension();
        DiffusionStepProblem problem = new DiffusionStepProblem(target, g);
        double[] x = new double[d];
        for (int p = from; p < to; p++) {
            int i = pending[p];
            problem.bind(i, n, y, sy, mean);
            FirstOrderRejection.TryOutcome o = FirstOrderRejection.tryAttempts(problem, problem, parameters, seed, i,
                    step, nextAttempt[i], triesPerLaunch, x);
            evaluations[i] += o.estimatorDraws();
            nextAttempt[i] += o.attempts();
            if (o.accepted()) {
                for (int j = 0; j < d; j++) {
                    xOut[j * n + i] = x[j];
                }
                done[i] = true;
            }
        }
    }
}
