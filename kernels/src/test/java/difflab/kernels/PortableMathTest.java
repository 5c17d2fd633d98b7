package difflab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The portable exp and log stay within 2 ulps of the correctly rounded-or-better {@link StrictMath} values. */
class PortableMathTest {
    static final double ULPS = 2;

    @Test
    void expOfNonPositiveArgumentsIsWithinTwoUlps() {
        SplittableRandom rng = new SplittableRandom(7);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = i % 2 == 0 ? -708 * rng.nextDouble() : -rng.nextDouble() * 3;
            double ulps = Math.abs(PortableMath.expNonPositive(x) - StrictMath.exp(x)) / Math.ulp(StrictMath.exp(x));
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= ULPS, "worst " + worst + " ulps");
        assertEquals(1.0, PortableMath.expNonPositive(0.0));
        assertEquals(PortableMath.expNonPositive(-708.0), PortableMath.expNonPositive(-1e6));
    }

    @Test
    void logOfPositiveNormalArgumentsIsWithinTwoUlps() {
        SplittableRandom rng = new SplittableRandom(11);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = Math.exp((rng.nextDouble() - 0.5) * 1400);
            double ulps = Math.abs(PortableMath.log(x) - StrictMath.log(x)) / Math.ulp(StrictMath.log(x));
            worst = Math.max(worst, ulps);
        }
        for (double x : new double[] {0.5, 0.7071067811865475, 0.7071067811865476, 1.0, 1.0000000000000002, 2.0,
                Math.E, 1e-300, 1e300}) {
            double ulps = x == 1.0 ? Math.abs(PortableMath.log(x)) : Math.abs(PortableMath.log(x) - StrictMath.log(x))
                    / Math.ulp(StrictMath.log(x));
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= ULPS, "worst " + worst + " ulps");
    }
}
