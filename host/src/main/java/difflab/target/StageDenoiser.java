package difflab.target;

/**
 * The denoiser of a target at one stage (α, σ), with whatever depends on (α, σ) alone computed once
 * ({@link Target#at}): the java backend evaluates it over many particle tiles of one stage.
 */
@FunctionalInterface
public interface StageDenoiser {

    /** out = D(x) on particles {@code from..to-1} of a coordinate-major batch of n particles; out may alias x. */
    void denoise(double[] x, int n, int from, int to, double[] out);
}
