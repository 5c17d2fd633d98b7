package difflab.sampler;

import difflab.core.Particles;
import difflab.sampler.ode.Ddim;
import difflab.sampler.ode.EdmEuler;
import difflab.target.GaussianMixtureTarget;
import difflab.target.Target;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of {@code euler} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class EdmEulerTest {
    static Sampler sampler() {
        return new EdmEuler();
    }

    /**
     * Euler in σ̃ is algebraically DDIM; numerically the two forms round differently (the EDM form subtracts
     * (σ̃<sub>t</sub> − σ̃<sub>s</sub>)/σ̃<sub>s</sub>·x̃ from x̃), so the particles agree to rounding at the particles' scale.
     */
    @Test
    void agreesWithDdimToRounding() {
        Target target = GaussianMixtureTarget.standard(2, 4, true);
        for (int steps : new int[] {1, 8, 256}) {
            Particles euler = SamplerComparison.run(sampler(), target, steps);
            Particles ddim = SamplerComparison.run(new Ddim(), target, steps);
            double scale = 0;
            double worst = 0;
            for (int i = 0; i < euler.count(); i++) {
                for (int j = 0; j < euler.dimension(); j++) {
                    scale = Math.max(scale, Math.abs(ddim.get(i, j)));
                    worst = Math.max(worst, Math.abs(euler.get(i, j) - ddim.get(i, j)));
                }
            }
            assertTrue(worst <= Exactness.ROUNDING_TOLERANCE * (1 + scale), "euler vs ddim, steps=" + steps + ": " + worst);
        }
    }

    /** dx̃/dσ̃ = ε: Euler in σ̃ is exact when ε is constant. */
    @Test
    void exactForConstantNoisePrediction() {
        double error = Exactness.maxRelativeError(sampler(), PrescribedDenoiserTarget.noiseAffineInSigmaTilde(0.4, 0.0));
        assertTrue(error < Exactness.ROUNDING_TOLERANCE, "euler with constant eps: " + error);
    }
}
