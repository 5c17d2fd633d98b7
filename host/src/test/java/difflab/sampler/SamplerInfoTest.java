package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.sampler.registry.SamplerRegistry;
import org.junit.jupiter.api.Test;

class SamplerInfoTest {

    @Test
    void withersChangeOnlyTheirFlag() {
        SamplerInfo base = SamplerInfo.of("x", "d", "s", 2, 3, 1);
        assertFalse(base.stochastic());
        assertFalse(base.reconstruction());
        assertEquals(new SamplerInfo("x", "d", "s", 2, 3, 1, true, false), base.withStochastic(true));
        assertEquals(new SamplerInfo("x", "d", "s", 2, 3, 1, false, true), base.asReconstruction());
        assertEquals(new SamplerInfo("x", "d", "s", 2, 3, 1, true, true), base.withStochastic(true).asReconstruction());
    }

    @Test
    void invalidMetadataIsRejectedWithTheValues() {
        assertThrows(IllegalArgumentException.class, () -> SamplerInfo.of(" ", "d", "s", 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> SamplerInfo.of("x", null, "s", 1, 1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SamplerInfo.of("x", "d", "s", 1, 0, 0));
        assertTrue(e.getMessage().contains("evaluationsPerStep=0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SamplerInfo.of("x", "d", "s", -1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> SamplerInfo.of("x", "d", "s", 1, 1, -1));
    }

    @Test
    void theSamplerMethodsReadTheRecord() {
        for (Sampler s : SamplerRegistry.all()) {
            SamplerInfo info = s.info();
            assertEquals(info, new SamplerInfo(s.id(), s.description(), s.source(), s.nominalOrder(),
                    s.evaluationsPerStep(), s.historyLength(), s.stochastic(), s.reconstruction()), s.id());
        }
    }
}
