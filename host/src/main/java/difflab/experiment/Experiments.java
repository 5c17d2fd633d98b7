package difflab.experiment;

import difflab.sampler.registry.SamplerRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every experiment, by id, in README order. */
public final class Experiments {
    private static final Map<String, Supplier<Experiment>> EXPERIMENTS = build();

    private Experiments() {
    }

    private static Map<String, Supplier<Experiment>> build() {
        Map<String, Supplier<Experiment>> m = new LinkedHashMap<>();
        m.put("ode-orders", OdeOrders::new);
        m.put("schedule-robustness", ScheduleRobustness::new);
        m.put("scire-few-steps", ScireFewSteps::new);
        m.put("li2024-ode", Li2024Ode::new);
        m.put("ddpm-kl-rate", DdpmKlRate::new);
        m.put("li2024-sde", Li2024Sde::new);
        m.put("score-error-floor", ScoreErrorFloor::new);
        m.put("high-accuracy", HighAccuracy::new);
        return Collections.unmodifiableMap(m);
    }

    /** All ids, in README order. */
    public static List<String> ids() {
        return List.copyOf(EXPERIMENTS.keySet());
    }

    /**
     * A fresh instance of the experiment with this id.
     *
     * @throws IllegalArgumentException for an unknown id, listing the valid ones
     */
    public static Experiment byId(String id) {
        Supplier<Experiment> s = EXPERIMENTS.get(id);
        if (s == null) {
            throw new IllegalArgumentException("unknown experiment '" + id + "'; valid: all, " + String.join(", ", ids()));
        }
        return s.get();
    }

    /** The nominal order of a registered sampler (NaN for an unknown id, e.g. a removed sampler in old results). */
    static double nominalOrder(String samplerId) {
        return SamplerRegistry.ids().contains(samplerId) ? SamplerRegistry.byId(samplerId).nominalOrder() : Double.NaN;
    }
}
