package difflab.kernels;

/**
 * The smooth score perturbation of {@code difflab.target.PerturbedScoreTarget} added to a denoiser's output, the Java
 * twin of the device kernel {@code score_perturb} ({@code difflab/kernels/score_perturb.cl}).
 *
 * <p>With the score perturbed by {@code e_j(x) = η·sqrt(2/d)·sin(ω_j x_j + φ_j)}, Tweedie's formula
 * {@code D = (x + σ²s)/α} changes the denoiser by {@code (σ²/α)·e(x)}, so per element, in this order:
 * <pre>
 *   shift = scale·sin(ω_j·p + φ_j),   scale = ((σ·σ)/α)·(η·sqrt(2/d)),
 *   D     = D + shift
 * </pre>
 * where p is the point the denoiser was evaluated at. {@link #shift} computes the shifts from the points first, so a
 * caller whose denoiser writes in place over the points can add them afterwards ({@link #add}).
 */
public final class ScorePerturbationKernel {

    private ScorePerturbationKernel() {
    }

    /** {@code (σ·σ)/α·amplitude}: the factor multiplying the sines at (α, σ); amplitude = η·sqrt(2/d). */
    public static double scale(double alpha, double sigma, double amplitude) {
        return sigma * sigma / alpha * amplitude;
    }

    /**
     * {@code shift[j*m + (i−from)] = scale·sin(ω_j·x[j*n+i] + φ_j)} for particles {@code [from, to)}, m = to − from.
     */
    public static void shift(int n, int d, int from, int to, double scale, double[] frequencies, double[] phases,
                             double[] x, double[] shift) {
        KernelChecks.range(n, d, from, to);
        KernelChecks.minLength("frequencies", frequencies, d, "d");
        KernelChecks.minLength("phases", phases, d, "d");
        KernelChecks.length("x", x, n, d);
        int m = to - from;
        KernelChecks.length("shift", shift, m, d);
        for (int j = 0; j < d; j++) {
            double w = frequencies[j];
            double p = phases[j];
            for (int i = 0; i < m; i++) {
                shift[j * m + i] = scale * Math.sin(w * x[j * n + from + i] + p);
            }
        }
    }

    /** {@code out[j*n+i] += shift[j*m + (i−from)]} for particles {@code [from, to)}, m = to − from. */
    public static void add(int n, int d, int from, int to, double[] shift, double[] out) {
        KernelChecks.range(n, d, from, to);
        int m = to - from;
        KernelChecks.length("shift", shift, m, d);
        KernelChecks.length("out", out, n, d);
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < m; i++) {
                out[j * n + from + i] += shift[j * m + i];
            }
        }
    }
}
