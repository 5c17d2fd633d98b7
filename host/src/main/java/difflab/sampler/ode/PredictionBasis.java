package difflab.sampler.ode;

import difflab.math.Phi;
import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;

/**
 * The prediction basis an exponential integrator integrates in (Lu et al. 2022b, §3; docs/ALGORITHMS.md §0.2, §4):
 * the same step s → r, h<sub>r</sub> = λ<sub>r</sub> − λ<sub>s</sub>, written with the prediction P it integrates,
 * <pre>
 *   NOISE (P = ε, DPM-Solver):   x_r = (α_r/α_s)x − σ_r(e^{h_r}−1)P_s  − σ_r·h_r·φ₂(h_r)·ΔP   (h_r·φ₂(h_r) = (e^{h_r}−1)/h_r − 1)
 *   DATA  (P = D, DPM-Solver++): x_r = (σ_r/σ_s)x + α_r·h_r·φ₁(−h_r)·P_s + α_r·h_r·φ₂(−h_r)·ΔP
 * </pre>
 * (φ<sub>k</sub> in the paper's notation; {@link Phi} takes the negated argument). The two are dual under
 * α ↔ σ, h ↔ −h, and the sign of the correction flips. Each method returns its basis's weight computed exactly as
 * the official code's form for that basis (stably, via {@code expm1} and {@link Phi}).
 */
public enum PredictionBasis {
    /** Noise prediction ε = (p − α·D)/σ: DPM-Solver. */
    NOISE {
        @Override
        LinearForm prediction(EvalRef ref, double alpha, double sigma) {
            return LinearForm.noisePrediction(ref, alpha, sigma);
        }

        @Override
        double stateRatio(double alphaR, double sigmaR, double alphaS, double sigmaS) {
            return alphaR / alphaS;
        }

        @Override
        double firstOrderWeight(double lead, double alphaR, double sigmaR, double h) {
            return lead * sigmaR * Math.expm1(h);
        }

        @Override
        double secondOrderWeight(double lead, double alphaR, double sigmaR, double h) {
            return lead * sigmaR * h * Phi.phi2(-h);
        }

        @Override
        LinearForm add(LinearForm base, LinearForm term, double weight) {
            return base.minus(term.times(weight));
        }
    },
    /** Data prediction D: DPM-Solver++. */
    DATA {
        @Override
        LinearForm prediction(EvalRef ref, double alpha, double sigma) {
            return LinearForm.model(ref);
        }

        @Override
        double stateRatio(double alphaR, double sigmaR, double alphaS, double sigmaS) {
            return sigmaR / sigmaS;
        }

        @Override
        double firstOrderWeight(double lead, double alphaR, double sigmaR, double h) {
            return lead * alphaR * h * Phi.phi1(h);
        }

        @Override
        double secondOrderWeight(double lead, double alphaR, double sigmaR, double h) {
            return lead * alphaR * h * Phi.phi2(h);
        }

        @Override
        LinearForm add(LinearForm base, LinearForm term, double weight) {
            return base.plus(term.times(weight));
        }
    };

    /** The basis's prediction P of the evaluation {@code ref} made at a time with the given α, σ. */
    abstract LinearForm prediction(EvalRef ref, double alpha, double sigma);

    /** The coefficient of x in the first-order step s → r: α<sub>r</sub>/α<sub>s</sub> (NOISE) or σ<sub>r</sub>/σ<sub>s</sub> (DATA). */
    abstract double stateRatio(double alphaR, double sigmaR, double alphaS, double sigmaS);

    /**
     * {@code lead} times the magnitude of P<sub>s</sub>'s weight in the first-order step of length h to a point with
     * α<sub>r</sub>, σ<sub>r</sub>: σ<sub>r</sub>(e<sup>h</sup>−1) (NOISE) or α<sub>r</sub>·h·φ₁(−h) (DATA); applied by {@link #add}.
     */
    abstract double firstOrderWeight(double lead, double alphaR, double sigmaR, double h);

    /**
     * {@code lead} times the magnitude of the second-order weight of ΔP: σ<sub>r</sub>·h·φ₂(h) (NOISE) or
     * α<sub>r</sub>·h·φ₂(−h) (DATA), paper notation; applied by {@link #add}.
     */
    abstract double secondOrderWeight(double lead, double alphaR, double sigmaR, double h);

    /** base − weight·term (NOISE) or base + weight·term (DATA): the sign with which the basis's weights enter. */
    abstract LinearForm add(LinearForm base, LinearForm term, double weight);
}
