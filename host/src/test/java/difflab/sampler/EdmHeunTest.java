package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.grid.GridType;
import difflab.sampler.ode.EdmHeun;
import difflab.schedule.LinearVpSchedule;
import difflab.target.GaussianMixtureTarget;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code heun} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class EdmHeunTest {
    /** The window of this sampler's order-table row. */
    static final int[] WINDOW = OrderTable.byId("heun").window();

    static Sampler sampler() {
        return EdmHeun.standard();
    }

    /** Without the final Euler step, Heun in σ̃ is the trapezoidal rule for ∫ε dσ̃: exact for ε affine in σ̃. */
    @Test
    void exactForNoisePredictionAffineInSigmaTildeWithoutEulerLastStep() {
        double error = Exactness.maxRelativeError(new EdmHeun(false),
                PrescribedDenoiserTarget.noiseAffineInSigmaTilde(0.4, 0.01));
        assertTrue(error < Exactness.ROUNDING_TOLERANCE, "heun(euler-last-step=false), eps affine in sigma~: " + error);
    }

    /** With EDM's Euler last step only constant ε is integrated exactly; the affine case shows the last step. */
    @Test
    void eulerLastStepIsExactOnlyForConstantNoisePrediction() {
        double constant = Exactness.maxRelativeError(sampler(), PrescribedDenoiserTarget.noiseAffineInSigmaTilde(0.4, 0));
        assertTrue(constant < Exactness.ROUNDING_TOLERANCE, "heun, constant eps: " + constant);
        double affine = Exactness.maxRelativeError(sampler(), PrescribedDenoiserTarget.noiseAffineInSigmaTilde(0.4, 0.01));
        assertTrue(affine > Exactness.ROUNDING_TOLERANCE * 1e3, "heun, eps affine in sigma~: " + affine);
    }

    /** EDM's cost: 2N − 1 evaluations with the Euler last step, 2N without. */
    @Test
    void evaluationCount() {
        var schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule, new GridType.UniformLogSnr().build(schedule, SamplerOrderContract.T_START, SamplerOrderContract.T_END, 10));
        assertEquals(19, sampler().totalEvaluations(ctx));
        assertEquals(20, new EdmHeun(false).totalEvaluations(ctx));
    }

    /** Without the Euler last step the order is 2 as well. */
    @Test
    void secondOrderWithoutEulerLastStep() {
        SamplerOrderContract.Measured m = SamplerOrderContract.measure(new EdmHeun(false), GaussianMixtureTarget.standard(2, 4, true), WINDOW);
        assertEquals(2.0, m.order(), SamplerOrderContract.DEFAULT_TOLERANCE, m.toString());
    }
}
