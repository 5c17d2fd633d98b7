package difflab.sampler;

/**
 * One model evaluation of a step: the point p = {@code input} (a combination of the state, earlier model outputs,
 * stored points and noise) and the time at which the denoiser is evaluated, M = D(p; α, σ).
 *
 * @param input      the combination that forms the stage point
 * @param time       the schedule time t of the evaluation
 * @param alpha      α<sub>t</sub>
 * @param sigma      σ<sub>t</sub>
 * @param storePoint whether a later combination reads this stage's point p (kernels then write it out)
 */
public record Stage(Combination input, double time, double alpha, double sigma, boolean storePoint) {
}
