package difflab.sampler;

import difflab.sampler.ode.Ddim;
import difflab.sampler.ode.DpmSolverPlusPlusMultistep;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every sampler difflab knows, by id, in the order the README's table lists them. Samplers are immutable, so one
 * instance per id serves every run. Multistep samplers are registered with DPM-Solver's default options; order
 * tests construct their own instances with lower-order-final off.
 */
public final class SamplerRegistry {
    private static final Map<String, Sampler> SAMPLERS = build();

    private SamplerRegistry() {
    }

    private static Map<String, Sampler> build() {
        Map<String, Sampler> m = new LinkedHashMap<>();
        MultistepOptions dpm = MultistepOptions.dpmSolverDefaults();
        register(m, new Ddim());
        register(m, new DpmSolverPlusPlusMultistep(2, false, dpm));
        register(m, new DpmSolverPlusPlusMultistep(2, true, dpm));
        register(m, new DpmSolverPlusPlusMultistep(3, false, dpm));
        register(m, new difflab.sampler.sde.DdpmAncestral(difflab.sampler.sde.DdpmAncestral.Variance.POSTERIOR));
        register(m, new difflab.sampler.sde.DdpmAncestral(difflab.sampler.sde.DdpmAncestral.Variance.BETA));
        register(m, new difflab.sampler.sde.DdpmLi());
        register(m, new difflab.sampler.sde.DdimEta());
        register(m, new difflab.sampler.sde.EulerAncestral());
        register(m, new difflab.sampler.sde.LiAcceleratedSde());
        register(m, new difflab.sampler.sde.DpmSolverPlusPlus2MSde(1.0,
                difflab.sampler.sde.DpmSolverPlusPlus2MSde.SolverType.MIDPOINT));
        register(m, new difflab.sampler.sde.DpmSolverPlusPlus2MSde(1.0,
                difflab.sampler.sde.DpmSolverPlusPlus2MSde.SolverType.HEUN));
        register(m, new difflab.sampler.sde.ResChurn());
        register(m, new difflab.sampler.sde.EdmStochasticHeun());
        return Collections.unmodifiableMap(m);
    }

    private static void register(Map<String, Sampler> m, Sampler s) {
        if (m.put(s.id(), s) != null) {
            throw new IllegalStateException("duplicate sampler id " + s.id());
        }
    }

    /** All samplers, in table order. */
    public static List<Sampler> all() {
        return List.copyOf(SAMPLERS.values());
    }

    /** All ids, in table order. */
    public static List<String> ids() {
        return List.copyOf(SAMPLERS.keySet());
    }

    /**
     * The sampler with this id.
     *
     * @throws IllegalArgumentException for an unknown id, listing the valid ones
     */
    public static Sampler byId(String id) {
        Sampler s = SAMPLERS.get(id);
        if (s == null) {
            throw new IllegalArgumentException("unknown sampler '" + id + "'; valid ids: " + String.join(", ", ids()));
        }
        return s;
    }
}
