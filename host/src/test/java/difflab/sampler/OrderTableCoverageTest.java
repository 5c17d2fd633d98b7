package difflab.sampler;

import difflab.sampler.OrderTable.Row;
import difflab.sampler.registry.SamplerRegistry;
import difflab.sampler.sde.StochasticKlRateTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every registered sampler has exactly one rate assertion: deterministic samplers a row of {@link OrderTable},
 * stochastic ones an entry of {@link StochasticKlRateTest#IDS}. A sampler added to the registry without one fails
 * here, naming it.
 */
class OrderTableCoverageTest {
    @Test
    void everyDeterministicSamplerHasAnOrderRowAndEveryStochasticOneAKlRow() {
        Set<String> ordered = new HashSet<>();
        for (Row r : OrderTable.ROWS) {
            assertTrue(ordered.add(r.id()), "two order-table rows for " + r.id());
        }
        Set<String> stochastic = new HashSet<>(StochasticKlRateTest.IDS);
        assertEquals(StochasticKlRateTest.IDS.size(), stochastic.size(), "duplicate id in the KL-rate table");
        List<String> missing = new ArrayList<>();
        for (Sampler s : SamplerRegistry.all()) {
            Set<String> table = s.stochastic() ? stochastic : ordered;
            if (!table.contains(s.id())) {
                missing.add(s.id() + (s.stochastic() ? " (stochastic: StochasticKlRateTest.IDS)" : " (OrderTable.ROWS)"));
            }
        }
        assertTrue(missing.isEmpty(), "registered samplers without a rate test row: " + missing);
        Set<String> registered = new HashSet<>(SamplerRegistry.ids());
        for (String id : ordered) {
            assertTrue(registered.contains(id), "order-table row for an unregistered id " + id);
            assertFalse(SamplerRegistry.byId(id).stochastic(), "order-table row for a stochastic sampler " + id);
        }
        for (String id : stochastic) {
            assertTrue(registered.contains(id), "KL-rate row for an unregistered id " + id);
            assertTrue(SamplerRegistry.byId(id).stochastic(), "KL-rate row for a deterministic sampler " + id);
        }
    }

    /** A row without a custom sampler measures exactly the registered rule, with lower-order-final off. */
    @Test
    void rowsMeasureTheRegisteredUpdateRule() {
        for (Row r : OrderTable.ROWS) {
            if (r.custom().isEmpty()) {
                assertEquals(r.id(), r.sampler().id(), "row " + r.id());
            }
            assertTrue(r.window().length >= 3, "row " + r.id() + ": a slope needs at least 3 step counts");
        }
    }
}
