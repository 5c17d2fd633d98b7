package difflab.exact;

import difflab.exact.CompiledRun.CompiledStage;
import difflab.exact.CompiledRun.CompiledStep;
import difflab.exact.CompiledRun.Form;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.target.GaussianTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact output law of any affine sampler on a Gaussian target (spec §7.3, DERIVED; checked against Monte Carlo in
 * {@code AffineLawPropagatorTest}).
 *
 * <p>For p<sub>0</sub> = N(μ, UΛUᵀ) the denoiser is affine: in eigen-coordinates (direction k, eigenvalue λ, mean
 * coordinate m) D = m + g·(p − α m) with g = αλ/(α²λ + σ²). Every stage point, model output and output of a
 * coefficient program is then an affine function of the state, of the stored history and of fresh standard normal
 * noise, and isotropic noise keeps the directions independent. So per direction the joint law of the live variables
 * v = (x, M and P of the steps the programs still read) stays Gaussian and follows
 * <pre>
 *   v' = A·v + c + G·z   ⇒   mean' = A·mean + c,   Cov' = A·Cov·Aᵀ + G·Gᵀ
 * </pre>
 * where A, c, G are read from the step's {@code Stage}/{@code Combination}/{@code Term}s ({@link CompiledRun}).
 * Constants are proportional to m (the initial mean is 0 or α<sub>T</sub>m), so each direction runs with m = 1 and the
 * final mean is ψ·m. Directions with equal λ share one recursion; cost O(steps × groups × live²), so d = 10⁴ distinct
 * eigenvalues over 10³ steps takes about a second.
 */
public final class AffineLawPropagator {

    private AffineLawPropagator() {
    }

    /**
     * The exact law of the final particles of {@code sampler} run on {@code context} against {@code target}, starting
     * from {@code initial}.
     *
     * @throws IllegalStateException if a program reads an evaluation that was never made
     */
    public static ExactGaussianLaw propagate(Sampler sampler, SamplingContext context, GaussianTarget target,
            InitialLaw initial) {
        CompiledRun run = CompiledRun.of(sampler, context);
        EigenDirections directions = EigenDirections.of(target);
        int groups = directions.groups.size();
        int live = run.liveSize;
        double[][] mean = new double[groups][live];
        double[][][] cov = new double[groups][live][live];
        double alphaStart = context.alpha(0);
        double sigmaStart = context.sigma(0);
        for (int g = 0; g < groups; g++) {
            double lambda = directions.groups.get(g).eigenvalue();
            if (initial == InitialLaw.EXACT_MARGINAL) {
                mean[g][0] = alphaStart;
                cov[g][0][0] = alphaStart * alphaStart * lambda + sigmaStart * sigmaStart;
            } else {
                cov[g][0][0] = 1.0;
            }
        }
        for (CompiledStep step : run.steps) {
            advance(run, step, directions, mean, cov);
        }
        double alphaEnd = context.alpha(context.steps());
        double sigmaEnd = context.sigma(context.steps());
        List<ExactGaussianLaw.GroupLaw> laws = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            EigenDirections.Group group = directions.groups.get(g);
            double targetVariance = alphaEnd * alphaEnd * group.eigenvalue() + sigmaEnd * sigmaEnd;
            laws.add(new ExactGaussianLaw.GroupLaw(group.eigenvalue(), group.multiplicity(), group.sumSquaredMeans(),
                    mean[g][0], cov[g][0][0], alphaEnd, targetVariance));
        }
        return new ExactGaussianLaw(sampler.id(), directions, laws);
    }

    /** One step for every group: builds the rows of [A | G | c] over w = [live, noise, 1], then the moments. */
    private static void advance(CompiledRun run, CompiledStep step, EigenDirections directions, double[][] mean,
            double[][][] cov) {
        int live = run.liveSize;
        int width = live + step.noiseStreams() + 1;
        int constant = width - 1;
        int stages = step.stages().size();
        double[][] points = new double[stages][width];
        double[][] models = new double[stages][width];
        double[][] rows = new double[live][width];
        double[] newMean = new double[live];
        double[][] tmp = new double[live][live];
        for (int g = 0; g < mean.length; g++) {
            double lambda = directions.groups.get(g).eigenvalue();
            for (int k = 0; k < stages; k++) {
                CompiledStage stage = step.stages().get(k);
                evaluate(stage.input(), live, points, models, points[k]);
                double a = stage.alpha();
                double gain = a * lambda / (a * a * lambda + stage.sigma() * stage.sigma());
                for (int j = 0; j < width; j++) {
                    models[k][j] = gain * points[k][j];
                }
                models[k][constant] += 1.0 - a * gain;
            }
            for (double[] row : rows) {
                java.util.Arrays.fill(row, 0.0);
            }
            evaluate(step.output(), live, points, models, rows[0]);
            for (int s = 0; s < run.maxStages; s++) {
                for (int back = run.depth; back >= 1; back--) {
                    int modelSlot = run.slot(back, s, false);
                    int pointSlot = run.slot(back, s, true);
                    if (back == 1) {
                        if (s < stages) {
                            System.arraycopy(models[s], 0, rows[modelSlot], 0, width);
                            System.arraycopy(points[s], 0, rows[pointSlot], 0, width);
                        }
                    } else {
                        rows[modelSlot][run.slot(back - 1, s, false)] = 1.0;
                        rows[pointSlot][run.slot(back - 1, s, true)] = 1.0;
                    }
                }
            }
            double[] m = mean[g];
            double[][] c = cov[g];
            for (int r = 0; r < live; r++) {
                double sum = rows[r][constant];
                for (int j = 0; j < live; j++) {
                    sum += rows[r][j] * m[j];
                }
                newMean[r] = sum;
            }
            for (int r = 0; r < live; r++) {
                for (int j = 0; j < live; j++) {
                    double sum = 0;
                    for (int l = 0; l < live; l++) {
                        sum += rows[r][l] * c[l][j];
                    }
                    tmp[r][j] = sum;
                }
            }
            for (int r = 0; r < live; r++) {
                for (int s = r; s < live; s++) {
                    double sum = 0;
                    for (int l = 0; l < live; l++) {
                        sum += tmp[r][l] * rows[s][l];
                    }
                    for (int z = live; z < constant; z++) {
                        sum += rows[r][z] * rows[s][z];
                    }
                    c[r][s] = sum;
                    c[s][r] = sum;
                }
            }
            System.arraycopy(newMean, 0, m, 0, live);
        }
    }

    /** Writes the form as a row over w = [live, noise, 1] into {@code out}, substituting this step's stages. */
    private static void evaluate(Form f, int live, double[][] points, double[][] models, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        out[0] = f.stateCoefficient();
        for (int j = 0; j < f.coefficients().length; j++) {
            double coef = f.coefficients()[j];
            int index = f.indices()[j];
            switch (f.sources()[j]) {
                case LIVE -> out[index] += coef;
                case NOISE -> out[live + index] += coef;
                case CURRENT_MODEL -> addScaled(out, models[index], coef);
                case CURRENT_POINT -> addScaled(out, points[index], coef);
                default -> throw new IllegalStateException("unknown source " + f.sources()[j]);
            }
        }
    }

    private static void addScaled(double[] out, double[] row, double coef) {
        for (int j = 0; j < out.length; j++) {
            out[j] += coef * row[j];
        }
    }
}
