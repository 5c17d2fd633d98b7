package difflab.sampler;

import difflab.sampler.ode.LiDdimType;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code li-ddim-type} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class LiDdimTypeTest {
    static Sampler sampler() {
        return new LiDdimType();
    }

    @Test
    void standardNormalDataGetsTheClosedFormGain() {
        for (int steps : new int[] {3, 8}) {
            StandardNormalGain.check(sampler(), steps, (c, i) -> {
                double a = StandardNormalGain.stepAlpha(c, i);
                return (1.0 + a) / (2.0 * Math.sqrt(a));
            });
        }
    }
}
