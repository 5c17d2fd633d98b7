package difflab.backend;

/**
 * Roofline bound of the benchmark's DPM-Solver++(2M) step on an isotropic Gaussian mixture (d dimensions,
 * K components): the particle-steps per second no implementation can exceed on a device with peak
 * arithmetic rate P (flop/s) and attainable memory bandwidth B (bytes/s),
 * <pre>
 *   roofline = min(P / F, B / Q)      F = 10·K·d + 7·d + 5·K   flops per particle-step
 *                                     Q = 6·d·s               bytes per particle-step (s = sizeof(REAL))
 * </pre>
 * DERIVED by counting the operations the kernels execute per particle (one thread, {@code VW = 1}):
 * the stage kernel {@code stage_gmm_iso} ({@code denoise.cl}) computes the stage point {@code a·x} (d),
 * the squared distances {@code (p_j − α μ_cj)²} summed over j for each component (4Kd), the logits
 * {@code bias − halfInv·q} (2K), the shifted exponentials and their sum (3K, an exp counted as one flop),
 * the output {@code Σ_c w_c (μ + g (p_j − α μ))} (6Kd) and the division by the sum (d); the output kernel
 * {@code combine} computes {@code a·x + b0·M0 + b1·M1} (5d). The per-stage {@code gmm_iso_prepare} (K
 * work-items) is left out. Q counts only compulsory DRAM traffic: the stage reads x and writes M (its
 * re-reads of M are assumed to hit the caches), the output reads x, M0, M1 and writes x. The first step of
 * a run is first order (one history term fewer: 2d flops and d·s bytes less). So the bound is
 * optimistic on both axes and the fraction of it a measurement reaches is a lower bound on efficiency.
 *
 * @param dimension  d
 * @param components K
 * @param precision  element size s
 */
public record StepRoofline(int dimension, int components, Precision precision) {

    public StepRoofline {
        if (dimension < 1 || components < 1) {
            throw new IllegalArgumentException("roofline of d=" + dimension + ", K=" + components
                    + "; accepted: d >= 1 and K >= 1");
        }
    }

    /** F: floating-point operations per particle-step. */
    public double flopsPerParticleStep() {
        double d = dimension;
        double k = components;
        return 10 * k * d + 7 * d + 5 * k;
    }

    /** Q: compulsory memory traffic per particle-step in bytes. */
    public double bytesPerParticleStep() {
        return 6.0 * dimension * precision.bytes();
    }

    /** F / Q in flop per byte. */
    public double arithmeticIntensity() {
        return flopsPerParticleStep() / bytesPerParticleStep();
    }

    /**
     * The bound in particle-steps per second; NaN if either rate is NaN or not positive (an unknown peak
     * is not replaced by a guess).
     */
    public double particleStepsPerSecond(double peakFlopsPerSecond, double bandwidthBytesPerSecond) {
        if (!(peakFlopsPerSecond > 0) || !(bandwidthBytesPerSecond > 0)) {
            return Double.NaN;
        }
        return Math.min(peakFlopsPerSecond / flopsPerParticleStep(), bandwidthBytesPerSecond / bytesPerParticleStep());
    }

    /** Whether the bandwidth term is the smaller one (the step is memory-bound on that device). */
    public boolean memoryBound(double peakFlopsPerSecond, double bandwidthBytesPerSecond) {
        return bandwidthBytesPerSecond / bytesPerParticleStep() <= peakFlopsPerSecond / flopsPerParticleStep();
    }
}
