package difflab.sampler.ode;

/**
 * The coefficient φ of SciRE-Solver's recursive derivative estimation (Li, Chen, Zeng 2023, arXiv 2308.07896;
 * docs/ALGORITHMS.md §5.2): the finite difference of the integrand is divided by φ, a partial sum of
 * Σ<sub>k≥0</sub> (−1)<sup>k</sup>/(k+1)! = φ<sub>1</sub>(−1) = 1 − 1/e ≈ 0.63212, and which partial sum is used depends on
 * the step index and the number of steps.
 *
 * <p>{@link #partialSums(int)} is the official {@code NoiseScheduleVP.series_phi(1, n)}: n partial sums with
 * 3, 4, …, n+2 terms, [0.66667, 0.625, 0.63333, 0.63194, 0.63214, …] (VERIFIED: read in every stored version of
 * {@code scire_solver.py}).
 *
 * <p>The index rules are those of docs/ALGORITHMS.md §5.2 (python indexing, {@code phi[−k]} = {@code phi[len − k]}):
 * <ul>
 * <li>multistep, list {@code series_phi(1, steps+1)}, {@code step} = 1-based index of the grid point the step
 * reaches (the code's loop variable): warm-up steps (step &lt; order) use {@code phi[−step]}; then
 * {@code phi[2(step−order)+1]} if step &lt; steps//2, {@code phi[−1]} if step == steps//2, else
 * {@code phi[2(steps−step)]};</li>
 * <li>singlestep with K outer steps, list {@code series_phi(1, K)}, {@code step} 0-based: {@code phi[2·step]} if
 * step &lt; K//2, {@code phi[−1]} if step == K//2, else {@code phi[2(K−step)−1]}.</li>
 * </ul>
 * How sure: these rules are the project's transcription of the official code (docs/ALGORITHMS.md §5.2). The warm-up rule {@code phi[−step]} is read in
 * the code (the transcription is silent on it). FINDING (recorded, not acted on): the stored versions of
 * {@code ShiguiLi/SciRE-Solver/scire_solver.py} that could be read for this work (commits 1f4512d, d30bca2,
 * 143739c, and {@code scire_solver_sd.py} 5581309) use a different rule: multistep list
 * {@code series_phi(1, steps)}, K = (steps+1−order)//2, {@code phi[2(step−order)+1]} if step &lt; K+order else
 * {@code phi[2(order+2K−step)]}; singlestep {@code phi[2·step+1]} if step &lt; K//2 else {@code phi[2(K−step−1)]}.
 * Every rule picks φ in [0.625, 0.6667], so the asymptotic orders measured for SciRE do not depend on which one
 * is used; only few-step errors do.
 */
public final class SciRePhi {

    private SciRePhi() {
    }

    /**
     * {@code series_phi(1, n)}: the partial sums Σ<sub>k&lt;m</sub> (−1)<sup>k</sup>/(k+1)! for m = 3, …, n+2.
     *
     * @throws IllegalArgumentException if n &lt; 1
     */
    public static double[] partialSums(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("series_phi length n=" + n + " is invalid; accepted: n >= 1");
        }
        double[] sums = new double[n];
        double sum = 0.0;
        double factorial = 1.0;
        for (int terms = 1; terms <= n + 2; terms++) {
            factorial *= terms;
            sum += (terms % 2 == 1 ? 1.0 : -1.0) / factorial;
            if (terms >= 3) {
                sums[terms - 3] = sum;
            }
        }
        return sums;
    }

    /**
     * φ of a multistep run (docs/ALGORITHMS.md §5.2).
     *
     * @param step  1-based index of the grid point the step reaches (1..steps)
     * @param steps the number of steps N
     * @param order the multistep order (2 or 3)
     * @throws IllegalArgumentException if step is outside 1..steps
     */
    public static double multistep(int step, int steps, int order) {
        if (step < 1 || step > steps) {
            throw new IllegalArgumentException("SciRE multistep step=" + step + " is outside 1.." + steps);
        }
        double[] phi = partialSums(steps + 1);
        int half = steps / 2;
        if (step < order) {
            return phi[phi.length - step];
        } else if (step < half) {
            return phi[2 * (step - order) + 1];
        } else if (step == half) {
            return phi[phi.length - 1];
        }
        return phi[2 * (steps - step)];
    }

    /**
     * φ of a singlestep run with K outer steps (docs/ALGORITHMS.md §5.2).
     *
     * @param step  0-based step index (0..K−1)
     * @param steps the number of outer steps K
     * @throws IllegalArgumentException if step is outside 0..K−1
     */
    public static double singlestep(int step, int steps) {
        if (step < 0 || step >= steps) {
            throw new IllegalArgumentException("SciRE singlestep step=" + step + " is outside 0.." + (steps - 1));
        }
        double[] phi = partialSums(steps);
        int half = steps / 2;
        if (step < half) {
            return phi[2 * step];
        } else if (step == half) {
            return phi[phi.length - 1];
        }
        return phi[2 * (steps - step) - 1];
    }
}
