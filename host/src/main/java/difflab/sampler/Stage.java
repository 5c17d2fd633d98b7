package difflab.sampler;

/**
 * One model evaluation of a step: the point p = {@code input} (a combination of the state, earlier model outputs,
 * stored points and noise) and the named evaluation M = D(p; α, σ) it makes.
 *
 * @param input      the combination that forms the stage point
 * @param evaluation the name of the evaluation, with its time t and (α, σ)
 * @param storePoint whether a later combination of the same step reads this stage's point p
 */
public record Stage(Combination input, EvalRef evaluation, boolean storePoint) {

    /** The schedule time t of the evaluation. */
    public double time() {
        return evaluation.time();
    }

    /** α<sub>t</sub>. */
    public double alpha() {
        return evaluation.alpha();
    }

    /** σ<sub>t</sub>. */
    public double sigma() {
        return evaluation.sigma();
    }
}
