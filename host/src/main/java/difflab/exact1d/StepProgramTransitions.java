package difflab.exact1d;

import difflab.sampler.Combination;
import difflab.sampler.RunProgram;
import difflab.sampler.Stage;
import difflab.sampler.StepProgram;
import difflab.sampler.Term;
import difflab.target.Target;

/**
 * Turns a sampler's coefficient program for one step into a {@link GaussianGridTransition} by interpreting it
 * on the grid points (1-D): the stages are evaluated with the target's exact denoiser, the output's noise-free
 * part gives the kernel mean μ(x'), and its noise coefficients c<sub>r</sub> (independent standard normals, one per
 * stream) give the variance v = Σ c<sub>r</sub>². This is exact for any single-step program whose noise enters only
 * the output, which is every DDPM-type ancestral sampler.
 */
public final class StepProgramTransitions {

    private StepProgramTransitions() {
    }

    /**
     * The Gaussian kernel of a step program.
     *
     * @throws IllegalArgumentException if the target is not 1-D, the program reads earlier steps' evaluations
     *                                  (not a Markov kernel of the state), puts noise into a stage point (not
     *                                  Gaussian given x'), or has no noise (a deterministic map: use
     *                                  {@link #map} or {@link DeterministicPushforward})
     */
    public static GaussianGridTransition gaussian(StepProgram program, Target target, Grid1d grid) {
        double[] mean = mean(program, target, grid.coordinates());
        double variance = noiseVariance(program);
        if (variance == 0) {
            throw new IllegalArgumentException("step program has no noise: its kernel is a deterministic map; "
                    + "evaluate it with StepProgramTransitions.map or DeterministicPushforward");
        }
        return new GaussianGridTransition(grid, mean, variance, program.evaluations());
    }

    /**
     * The variance Σ c<sub>r</sub>² of the output's noise (0 for a deterministic step).
     *
     * @throws IllegalArgumentException if a stage point contains noise
     */
    public static double noiseVariance(StepProgram program) {
        for (int k = 0; k < program.stages().size(); k++) {
            if (program.stages().get(k).input().hasNoise()) {
                throw new IllegalArgumentException("stage " + k + " puts noise into its point; accepted: noise in "
                        + "the output only (otherwise the kernel is not Gaussian given the state)");
            }
        }
        Combination out = program.output();
        double variance = 0;
        for (int k = 0; k < out.terms().size(); k++) {
            if (out.terms().get(k) instanceof Term.Noise) {
                variance += out.coefficient(k) * out.coefficient(k);
            }
        }
        return variance;
    }

    /**
     * The noise-free output μ(x) of a single-step program at every point x (1-D): the kernel mean, or the map of a
     * deterministic step.
     *
     * @throws IllegalArgumentException if the target is not 1-D, the program reads earlier steps or puts noise into
     *                                  a stage point
     */
    public static double[] mean(StepProgram program, Target target, double[] x) {
        GridDensity.requireOneDimensional(target);
        RunProgram run = RunProgram.ofSingleStep(program);
        noiseVariance(program);
        int n = x.length;
        int stages = program.stages().size();
        double[][] points = new double[stages][];
        double[][] models = new double[stages][];
        for (int k = 0; k < stages; k++) {
            Stage stage = program.stages().get(k);
            points[k] = combine(stage.input(), run, x, points, models, n);
            models[k] = new double[n];
            target.denoise(stage.alpha(), stage.sigma(), points[k], n, 0, n, models[k]);
        }
        return combine(program.output(), run, x, points, models, n);
    }

    /**
     * A deterministic step as a {@link MappedDensity}'s map on the grid: F(z<sub>i</sub>) = μ(z<sub>i</sub>) and F' by the
     * fourth-order central difference with step {@link DeterministicPushforward#DIFFERENCE_STEP}.
     */
    public static MappedDensity map(StepProgram program, Target target, GridDensity in) {
        double[] z = in.grid().coordinates();
        double e = DeterministicPushforward.DIFFERENCE_STEP;
        double[][] shifted = new double[4][z.length];
        double[] offsets = {e, -e, 2 * e, -2 * e};
        for (int o = 0; o < 4; o++) {
            for (int i = 0; i < z.length; i++) {
                shifted[o][i] = z[i] + offsets[o];
            }
        }
        double[] f = mean(program, target, z);
        double[] fp = mean(program, target, shifted[0]);
        double[] fm = mean(program, target, shifted[1]);
        double[] f2p = mean(program, target, shifted[2]);
        double[] f2m = mean(program, target, shifted[3]);
        double[] slope = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            slope[i] = (8.0 * (fp[i] - fm[i]) - (f2p[i] - f2m[i])) / (12.0 * e);
        }
        return MappedDensity.of(in, f, slope);
    }

    /** a·x + Σ c·T over the non-noise terms of the current step. */
    private static double[] combine(Combination c, RunProgram run, double[] x, double[][] points, double[][] models, int n) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = c.stateCoefficient() * x[i];
        }
        for (int k = 0; k < c.terms().size(); k++) {
            Term t = c.terms().get(k);
            double coef = c.coefficient(k);
            double[] src;
            if (t instanceof Term.Model m) {
                src = models[run.stage(m.ref())];
            } else if (t instanceof Term.Point p) {
                src = points[run.stage(p.ref())];
            } else {
                continue;
            }
            for (int i = 0; i < n; i++) {
                r[i] += coef * src[i];
            }
        }
        return r;
    }
}
