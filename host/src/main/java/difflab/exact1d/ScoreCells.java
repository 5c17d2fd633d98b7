package difflab.exact1d;

import difflab.target.Target;

/**
 * The score s<sub>t</sub> at one time on every cell [z<sub>j</sub>, z<sub>j+1</sub>] of a grid, as {@link CellRule} interpolants:
 * node values, samples, the cell integral ∫s, and safe lower/upper bounds. Built once per step with one batched
 * call of the target's denoiser (s = (α·D − z)/σ²).
 */
final class ScoreCells {
    final int cells;
    final double spacing;
    final double[] nodes;
    final double[] samples;
    final double[] integral;
    final double[] lower;
    final double[] upper;

    ScoreCells(Target target, double alpha, double sigma, Grid1d grid) {
        CellRule rule = CellRule.INSTANCE;
        int g = CellRule.NODES;
        int k1 = CellRule.SAMPLES + 1;
        cells = grid.points() - 1;
        spacing = grid.spacing();
        double[] z = new double[cells * g];
        for (int c = 0; c < cells; c++) {
            double lo = grid.point(c);
            for (int q = 0; q < g; q++) {
                z[c * g + q] = lo + 0.5 * (1.0 + rule.xi[q]) * spacing;
            }
        }
        nodes = scores(target, alpha, sigma, z);
        samples = new double[cells * k1];
        integral = new double[cells];
        lower = new double[cells];
        upper = new double[cells];
        double[] b = new double[2];
        for (int c = 0; c < cells; c++) {
            rule.sample(nodes, c * g, samples, c * k1);
            CellRule.bounds(samples, c * k1, b);
            lower[c] = b[0];
            upper[c] = b[1];
            integral[c] = 0.5 * spacing * rule.integral(nodes, c * g);
        }
    }

    /** s<sub>t</sub> at every point of z (one batched denoiser call). */
    static double[] scores(Target target, double alpha, double sigma, double[] z) {
        double[] d = new double[z.length];
        if (z.length > 0) {
            target.denoise(alpha, sigma, z, z.length, 0, z.length, d);
        }
        double s2 = sigma * sigma;
        for (int i = 0; i < z.length; i++) {
            d[i] = (alpha * d[i] - z[i]) / s2;
        }
        return d;
    }
}
