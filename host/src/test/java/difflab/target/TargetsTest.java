package difflab.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CLI target names. */
class TargetsTest {

    @Test
    void namesMapToTheStandardTargets() {
        assertEquals(GaussianTarget.standard(3, false).id(), Targets.byName("gaussian", 3, 4).id());
        assertTrue(((GaussianTarget) Targets.byName("gaussian", 3, 4)).isDiagonal());
        assertFalse(((GaussianTarget) Targets.byName("gaussian-full", 3, 4)).isDiagonal());
        assertEquals("gmm-iso(K=4,d=2)", Targets.byName("gmm", 2, 4).id());
        assertEquals("gmm-diag(K=5,d=3)", Targets.byName("gmm-diag", 3, 5).id());
        assertEquals(GaussianMixtureTarget.standard(2, 4, false).covariance()[0][1],
                Targets.byName("gmm-diag", 2, 4).covariance()[0][1], 0.0);
    }

    @Test
    void unknownNamesListTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Targets.byName("mog", 2, 3));
        assertTrue(e.getMessage().contains("'mog'"), e.getMessage());
        for (String name : Targets.NAMES) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Targets.byName(null, 2, 3));
    }

    @Test
    void badSizesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Targets.byName("gaussian", 0, 3));
        assertTrue(e.getMessage().contains("d=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Targets.byName("gmm", 2, 0));
        assertTrue(e.getMessage().contains("K=0"), e.getMessage());
    }
}
