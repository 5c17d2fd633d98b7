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
 * The exact output law of any affine sampler on a Gaussian target (docs/ALGORITHMS.md §7.3, DERIVED; checked against Monte Carlo in
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
 * Constants come from the target mean m (the denoiser's m(1 − αg), the initial mean 0 or α<sub>T</sub>m) and from an
 * optional affine score error ({@link ScoreBias}: D̃ = D + (σ²/α)b, b<sub>k</sub> its eigen-coordinate), so the mean
 * runs as two channels, one per unit of m and one per unit of b: the final mean is ψ·m + χ·b. The covariance does
 * not depend on them. Directions with equal λ share one recursion; cost O(steps × groups × live²), so d = 10⁴
 * distinct eigenvalues over 200 steps take well under a second.
 */
public final class AffineLawPropagator {

    /** Mean channel per unit of the target mean m. */
    static final int TARGET_MEAN = 0;
    /** Mean channel per unit of the score bias b. */
    static final int SCORE_BIAS = 1;
    static final int CHANNELS = 2;

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
        return propagate(sampler, context, target, initial, ScoreBias.none(target.dimension()));
    }

    /**
     * As {@link #propagate(Sampler, SamplingContext, GaussianTarget, InitialLaw)}, with the model's score off by the
     * constant {@code bias} at every step.
     *
     * @throws IllegalArgumentException if the bias has another dimension than the target
     */
    public static ExactGaussianLaw propagate(Sampler sampler, SamplingContext context, GaussianTarget target,
            InitialLaw initial, ScoreBias bias) {
        if (bias.vector().length != target.dimension()) {
            throw new IllegalArgumentException("score bias has dimension " + bias.vector().length + " but target "
                    + target.id() + " has " + target.dimension());
        }
        CompiledRun run = CompiledRun.of(sampler, context);
        EigenDirections directions = EigenDirections.of(target);
        double[] biasCoordinates = directions.coordinates(bias.vector());
        int groups = directions.groups.size();
        int live = run.liveSize;
        double[][][] mean = new double[groups][CHANNELS][live];
        double[][][] cov = new double[groups][live][live];
        double alphaStart = context.alpha(0);
        double sigmaStart = context.sigma(0);
        for (int g = 0; g < groups; g++) {
            double lambda = directions.groups.get(g).eigenvalue();
            if (initial == InitialLaw.EXACT_MARGINAL) {
                mean[g][TARGET_MEAN][0] = alphaStart;
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
        double[] sumMeanBias = new double[groups];
        double[] sumBiasSquared = new double[groups];
        for (int k = 0; k < directions.dimension; k++) {
            int g = directions.groupOfDirection[k];
            sumMeanBias[g] += directions.meanCoordinates[k] * biasCoordinates[k];
            sumBiasSquared[g] += biasCoordinates[k] * biasCoordinates[k];
        }
        List<ExactGaussianLaw.GroupLaw> laws = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            EigenDirections.Group group = directions.groups.get(g);
            double targetVariance = alphaEnd * alphaEnd * group.eigenvalue() + sigmaEnd * sigmaEnd;
            laws.add(new ExactGaussianLaw.GroupLaw(group.eigenvalue(), group.multiplicity(), group.sumSquaredMeans(),
                    sumMeanBias[g], sumBiasSquared[g], mean[g][TARGET_MEAN][0], mean[g][SCORE_BIAS][0], cov[g][0][0],
                    alphaEnd, targetVariance));
        }
        return new ExactGaussianLaw(sampler.id(), directions, biasCoordinates, laws);
    }

    /**
     * One step for every group: builds the rows of [A | G | c] over w = [live, noise, 1 per mean channel], then the
     * moments.
     */
    private static void advance(CompiledRun run, CompiledStep step, EigenDirections directions, double[][][] mean,
            double[][][] cov) {
        int live = run.liveSize;
        int width = live + step.noiseStreams() + CHANNELS;
        int constant = live + step.noiseStreams();
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
                models[k][constant + TARGET_MEAN] += 1.0 - a * gain;
                models[k][constant + SCORE_BIAS] += stage.sigma() * stage.sigma() / a;
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
            double[][] c = cov[g];
            for (int channel = 0; channel < CHANNELS; channel++) {
                double[] m = mean[g][channel];
                for (int r = 0; r < live; r++) {
                    double sum = rows[r][constant + channel];
                    for (int j = 0; j < live; j++) {
                        sum += rows[r][j] * m[j];
                    }
                    newMean[r] = sum;
                }
                System.arraycopy(newMean, 0, m, 0, live);
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
        }
    }

    /** Writes the form as a row over w = [live, noise, constants] into {@code out}, substituting this step's stages. */
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
