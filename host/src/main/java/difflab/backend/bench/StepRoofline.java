package difflab.backend.bench;

import difflab.core.Precision;

/**
 * Roofline of the benchmark's DPM-Solver++(2M) step on an isotropic Gaussian mixture (d dimensions, K
 * components), per kernel and for the whole step: the particle-steps per second no implementation of these
 * kernels can exceed on a device with peak arithmetic rate P (flop/s) and attainable memory bandwidth B
 * (bytes/s) is {@code min(P / F, B / Q)}, with F flops and Q bytes per particle-step:
 * <pre>
 *   stage   (stage_gmm_iso)   F = 4·K·d + 5·d + 10·K      Q = 2·d·s
 *   output  (combine)         F = 5·d                     Q = 4·d·s
 *   step                      F = 4·K·d + 10·d + 10·K     Q = 6·d·s       (s = sizeof(REAL))
 * </pre>
 * DERIVED by counting the operations {@code denoise.cl} executes per particle (an fma counted as 2 flops, an exp
 * or a division as 1): the stage point {@code a·x} (d), its squared norm (d fma), the logits in matmul form (K·d
 * fma, K additions of the bias, K fma of the norm term), the normalisation (max, subtraction, exp, sum, one
 * division, K products and the K-term gain sum: about 7K), the folded output {@code Σ_c r_c F_jc} (K·d fma) and
 * {@code + gs·p_j} (d fma); the output kernel {@code combine} computes {@code a·x + b0·M0 + b1·M1} (5d). The
 * per-stage {@code gmm_iso_prepare} (K work-items) is left out. Q counts only compulsory DRAM traffic: the stage
 * reads x and writes M (its re-reads of M hit the caches), the output reads x, M0, M1 and writes x. So the bound
 * is optimistic on both axes and the fraction of it a measurement reaches is a lower bound on efficiency.
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

    /** F of the fused stage kernel. */
    public double stageFlops() {
        double d = dimension;
        double k = components;
        return 4 * k * d + 5 * d + 10 * k;
    }

    /** Q of the fused stage kernel in bytes. */
    public double stageBytes() {
        return 2.0 * dimension * precision.bytes();
    }

    /** F of the output combine kernel. */
    public double combineFlops() {
        return 5.0 * dimension;
    }

    /** Q of the output combine kernel in bytes. */
    public double combineBytes() {
        return 4.0 * dimension * precision.bytes();
    }

    /** F: floating-point operations per particle-step. */
    public double flopsPerParticleStep() {
        return stageFlops() + combineFlops();
    }

    /** Q: compulsory memory traffic per particle-step in bytes. */
    public double bytesPerParticleStep() {
        return stageBytes() + combineBytes();
    }

    /** F / Q in flop per byte. */
    public double arithmeticIntensity() {
        return flopsPerParticleStep() / bytesPerParticleStep();
    }

    /**
     * The bound of the whole step in particle-steps per second; NaN if either rate is NaN or not positive (an
     * unknown peak is not replaced by a guess).
     */
    public double particleStepsPerSecond(double peakFlopsPerSecond, double bandwidthBytesPerSecond) {
        return bound(flopsPerParticleStep(), bytesPerParticleStep(), peakFlopsPerSecond, bandwidthBytesPerSecond);
    }

    /** {@code min(P / flops, B / bytes)}, NaN unless both rates are positive. */
    public static double bound(double flops, double bytes, double peakFlopsPerSecond, double bandwidthBytesPerSecond) {
        if (!(peakFlopsPerSecond > 0) || !(bandwidthBytesPerSecond > 0)) {
            return Double.NaN;
        }
        return Math.min(peakFlopsPerSecond / flops, bandwidthBytesPerSecond / bytes);
    }

    /** Whether the bandwidth term is the smaller one (the step is memory-bound on that device). */
    public boolean memoryBound(double peakFlopsPerSecond, double bandwidthBytesPerSecond) {
        return bandwidthBytesPerSecond / bytesPerParticleStep() <= peakFlopsPerSecond / flopsPerParticleStep();
    }
}
