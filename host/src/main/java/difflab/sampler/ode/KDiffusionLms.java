package difflab.sampler.ode;

import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;

/**
 * k-diffusion's linear multistep sampler ({@code sample_lms} with {@code linear_multistep_coeff}, order 4;
 * crowsonkb/k-diffusion {@code sampling.py}): in EDM coordinates x̃ = x/α, σ̃ = σ/α, with d = (x̃ − D)/σ̃ = ε,
 * <pre>
 *   x̃_{i+1} = x̃_i + Σ_{j<q} C_j·d_{i−j},   C_j = ∫_{σ̃_i}^{σ̃_{i+1}} Π_{k≠j} (τ − σ̃_{i−k})/(σ̃_{i−j} − σ̃_{i−k}) dτ,   q = min(i + 1, order)
 * </pre>
 * k-diffusion integrates with {@code scipy.integrate.quad}; the integrand is a polynomial of degree q − 1, which
 * Gauss–Legendre integrates exactly. This is the program of DEIS ρAB with degree order − 1 and exact coefficients
 * ({@link Deis}), which it delegates to. Nominal order = order; 1 NFE per step. Source and certainty:
 * docs/ALGORITHMS.md §8.11.
 *
 * @param order 1..4 (k-diffusion default 4)
 */
public record KDiffusionLms(int order) implements Sampler {
    /** k-diffusion's default order. */
    public static final int DEFAULT_ORDER = 4;

    public KDiffusionLms {
        if (order < 2 || order > 4) {
            throw new IllegalArgumentException("LMS order=" + order + "; accepted: 2..4");
        }
    }

    private Deis program() {
        return new Deis(Deis.Basis.RHO_AB, order - 1, Deis.Quadrature.EXACT);
    }

    @Override
    public SamplerInfo info() {
        return SamplerInfo.of(order == DEFAULT_ORDER ? "lms" : "lms" + order,
                "Linear multistep order " + order + " in sigma (k-diffusion), noise prediction",
                "Crowson, k-diffusion sampling.py sample_lms / linear_multistep_coeff",
                order, 1, order - 1);
    }

    @Override
    public StepProgram step(SamplingContext c, int i) {
        return program().step(c, i);
    }
}
