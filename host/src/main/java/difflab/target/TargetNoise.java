package difflab.target;

/**
 * Philox step indices reserved for target-side randomness, so that exact data samples never share a counter with
 * sampler noise (sampler steps are ≥ 0; the initial noise x<sub>T</sub> uses step −1).
 */
final class TargetNoise {
    /** Normals used to draw exact samples from p<sub>0</sub>. */
    static final int DATA_SAMPLE_STEP = -2;
    /** Uniforms used to pick mixture components when sampling p<sub>0</sub>. */
    static final int COMPONENT_CHOICE_STEP = -3;
    /** Normals that fix the frequencies and phases of a score perturbation ({@link PerturbedScoreTarget}). */
    static final int PERTURBATION_STEP = -4;

    private TargetNoise() {
    }
}
