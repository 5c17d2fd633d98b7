package difflab.fors;

/**
 * An unbiased estimator of the log-tilt w(x) of first-order rejection sampling (docs/ALGORITHMS.md §6.2): independent draws
 * W<sub>1</sub>, W<sub>2</sub>, … ~ 𝒲<sub>x</sub> with E[W | x] = w(x). The sampler clips every draw to [−B, B], so the law it
 * targets is ∝ q·e<sup>w̃</sup> with w̃(x) = E[clip<sub>B</sub>(W) | x]; if |W| ≤ B always, w̃ = w exactly.
 */
public interface TiltEstimator {

    /**
     * One draw W<sub>j</sub> at x. Its randomness comes only from {@link AttemptKey#estimatorUniform(int, int)} with
     * draw index {@code draw}, so draws are independent across j and reproducible.
     */
    double draw(double[] x, AttemptKey key, int draw);
}
