package difflab.sampler.sde;

/**
 * k-diffusion's {@code get_ancestral_step} (crowsonkb/k-diffusion {@code sampling.py}): the split of a step from
 * σ̃ to σ̃<sub>n</sub> (EDM's σ/α) into a deterministic step to σ_down and fresh noise of size σ_up,
 * <pre>
 *   σ_up = min(σ̃_n, η·sqrt(σ̃_n²(σ̃² − σ̃_n²)/σ̃²)),   σ_down = sqrt(σ̃_n² − σ_up²).
 * </pre>
 */
record AncestralStep(double down, double up) {

    static AncestralStep of(double from, double to, double eta) {
        double up = Math.min(to, eta * Math.sqrt(to * to * (from * from - to * to) / (from * from)));
        return new AncestralStep(Math.sqrt(to * to - up * up), up);
    }
}
