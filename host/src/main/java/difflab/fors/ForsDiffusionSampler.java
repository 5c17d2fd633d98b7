package difflab.fors;

/**
 * The diffusion instantiation of first-order rejection sampling, docs/ALGORITHMS.md §6.3. <b>This is a reconstruction</b>
 * (docs/ALGORITHMS.md §6.3): the paper's full text was not available, and the reference point, proposal, B and
 * step schedule below are reconstructed from summaries, consistent with them but not checked
 * against the paper. Only the FORS identity E[Q | x] = e<sup>w̃(x) − B</sup> is certain (DERIVED).
 *
 * <p>A reverse step goes from the noisier grid time s to t, with x<sub>s</sub> = a·x<sub>t</sub> + b·ξ
 * ({@link StepGeometry}). The exact reverse kernel is π(x) ∝ q<sub>t</sub>(x)·exp(−|x<sub>s</sub> − a x|²/(2b²)). With the
 * score s<sub>t</sub> = ∇log q<sub>t</sub> and a reference point y ({@link ReferencePoint}), log q<sub>t</sub>(x) = log q<sub>t</sub>(y) +
 * ⟨s<sub>t</sub>(y), x − y⟩ + R(x), R(x) = ∫<sub>0</sub><sup>1</sup>⟨s<sub>t</sub>(y + u(x−y)) − s<sub>t</sub>(y), x − y⟩du, so
 * <pre>
 *   π ∝ q·e^R,   q = N( x_s/a + (b²/a²)·s_t(y),  (b/a)² I )          (the DDPM/Euler Gaussian proposal)
 *   W = ⟨ s_t(y + U(x − y)) − s_t(y),  x − y ⟩,   U ~ Unif[0, 1]      (one score call, E[W | x] = R(x))
 * </pre>
 * and each step runs {@link FirstOrderRejection} with this proposal and estimator, W clipped to [−B, B]. The
 * accepted output of a step has density k(x | x<sub>s</sub>) = q(x)e<sup>w̃(x)</sup>/∫q e<sup>w̃</sup> with w̃ = E[clip<sub>B</sub> W | x]: the
 * exact reverse kernel up to the clipping bias (the score is the model, here exact). The parameters B, the step
 * schedule (any {@link difflab.grid.TimeGrid}, e.g. {@link TiltScaledGrid}), the horizon t<sub>T</sub> and the
 * early-stopping time t<sub>0</sub> are all the caller's.
 *
 * <p>Cost per step and particle (counted exactly by {@link ForsRunner}): 1 score call at y (time t), plus
 * {@link ReferencePoint#extraEvaluations()}, plus one per estimator draw over all attempts. It is random; its mean
 * follows from the attempt count being geometric with success probability ∫q e<sup>w̃−B</sup>.
 *
 * @param parameters B and the acceptance rule
 * @param reference  the reference point y
 */
public record ForsDiffusionSampler(RejectionParameters parameters, ReferencePoint reference) {

    public ForsDiffusionSampler {
        if (parameters == null || reference == null) {
            throw new IllegalArgumentException("FORS sampler needs parameters and a reference point, got "
                    + parameters + ", " + reference);
        }
    }

    /** The sampler with the defaults of docs/ALGORITHMS.md §6.3 for everything but B: y = x<sub>s</sub>/a, product rule. */
    public static ForsDiffusionSampler withBound(double bound) {
        return new ForsDiffusionSampler(new RejectionParameters(bound, AcceptanceRule.PRODUCT),
                ReferencePoint.RESCALED_STATE);
    }

    /** Stable id, e.g. {@code fors(B=1.0,rescaled-state,product)}. */
    public String id() {
        return "fors(B=" + parameters.bound() + "," + reference.id() + "," + parameters.rule().id() + ")";
    }

    /** One line saying what the sampler is. */
    public String description() {
        return "first-order rejection sampling per reverse step (reconstruction of docs/ALGORITHMS.md §6.3)";
    }

    /** The paper and section. */
    public String source() {
        return "Chen, Chewi, Daskalakis, Rakhlin 2026 (arXiv 2602.01338), docs/ALGORITHMS.md §6.2-6.3; reconstruction";
    }

    /** Always true: the diffusion instantiation is a reconstruction (docs/ALGORITHMS.md §6.3). */
    public boolean reconstruction() {
        return true;
    }

    /** Score evaluations per step and particle that do not depend on the attempts: 1 at y, plus the reference's. */
    public int fixedEvaluationsPerStep() {
        return 1 + reference.extraEvaluations();
    }
}
