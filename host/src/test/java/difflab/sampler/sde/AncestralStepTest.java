package difflab.sampler.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import difflab.sampler.LinearForm;
import difflab.sampler.Term;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AncestralStepTest {

    @Test
    void noiseIsAddedOnlyForAPositiveScaleOnItsStream() {
        LinearForm mean = LinearForm.state().times(0.5);
        assertSame(mean, AncestralStep.plusNoise(mean, 0, 0.0));
        LinearForm noisy = AncestralStep.plusNoise(mean, 1, 0.25);
        assertEquals(0.5, noisy.stateCoefficient());
        assertEquals(Map.of(new Term.Noise(1), 0.25), noisy.terms());
    }

    @Test
    void theKDiffusionSplitKeepsTheTotalVariance() {
        AncestralStep split = AncestralStep.of(2.0, 1.0, 1.0);
        assertEquals(1.0, split.down() * split.down() + split.up() * split.up(), 1e-15);
        assertEquals(Math.sqrt(0.75), split.up(), 1e-15);
        AncestralStep deterministic = AncestralStep.of(2.0, 1.0, 0.0);
        assertEquals(0.0, deterministic.up());
        assertEquals(1.0, deterministic.down());
    }
}
