package difflab.sampler.registry;

import difflab.grid.GridType;
import difflab.sampler.RunProgram;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplerRegistryTest {
    private static final NoiseSchedule SCHEDULE = LinearVpSchedule.standard();

    @Test
    void idsAreUniqueAndResolve() {
        Set<String> seen = new HashSet<>();
        for (Sampler s : SamplerRegistry.all()) {
            assertTrue(seen.add(s.id()), "duplicate " + s.id());
            assertEquals(s, SamplerRegistry.byId(s.id()));
        }
    }

    @Test
    void unknownIdListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SamplerRegistry.byId("nope"));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("dpmpp-2m"), e.getMessage());
    }

    /** The order-study variant of a multistep sampler keeps reading history up to its last step. */
    @Test
    void orderStudyVariantsNeverLowerTheOrderAtTheEnd() {
        int steps = 6;
        SamplingContext ctx = new SamplingContext(SCHEDULE,
                new GridType.UniformLogSnr().build(SCHEDULE, 1.0, 1e-3, steps));
        for (Sampler s : SamplerRegistry.all()) {
            if (s.historyLength() == 0) {
                continue;
            }
            Sampler study = s.forOrderStudy();
            assertEquals(s.historyLength(), RunProgram.of(study, ctx).historyDepthOf(steps - 1),
                    s.id() + ": the order-study variant lowers its order on the last step");
        }
    }

    @Test
    void everyDeclaredHistoryLengthIsWhatTheProgramsRead() {
        int steps = 12;
        SamplingContext ctx = new SamplingContext(SCHEDULE,
                new GridType.UniformLogSnr().build(SCHEDULE, 1.0, 1e-3, steps));
        for (Sampler s : SamplerRegistry.all()) {
            RunProgram run = RunProgram.of(s.forOrderStudy(), ctx);
            assertEquals(s.historyLength(), run.historyDepth(), s.id());
            assertEquals(0, run.historyDepthOf(0), s.id() + " reads history on its first step");
        }
    }
}
