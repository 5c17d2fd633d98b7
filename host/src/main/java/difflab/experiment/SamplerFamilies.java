package difflab.experiment;

import difflab.sampler.registry.SamplerRegistry;
import java.util.List;
import java.util.Locale;

/**
 * The family a sampler id belongs to, for the panels of convergence figures: samplers from one paper or one
 * solver line share a panel (at most eight series each; larger families are split by the figure).
 */
public final class SamplerFamilies {
    /** {prefix, family}: the first prefix the id starts with wins, so longer prefixes come first. */
    private static final List<String[]> PREFIXES = List.of(
            new String[] {"dpmpp-2m-sde", "DPM-Solver++ SDE"},
            new String[] {"dpmpp-3m-sde", "DPM-Solver++ SDE"},
            new String[] {"dpmpp-sde", "DPM-Solver++ SDE"},
            new String[] {"dpmpp-2m-unic", "UniPC"},
            new String[] {"dpm-solver-", "DPM-Solver"},
            new String[] {"dpmpp-", "DPM-Solver++"},
            new String[] {"res-", "RES"},
            new String[] {"sa-solver", "SA-Solver"},
            new String[] {"unipc-", "UniPC"},
            new String[] {"deis-", "DEIS and iPNDM"},
            new String[] {"ipndm", "DEIS and iPNDM"},
            new String[] {"lms", "k-diffusion LMS and DPM2"},
            new String[] {"dpm2", "k-diffusion LMS and DPM2"},
            new String[] {"scire-v1-", "SciRE v1"},
            new String[] {"scire-v2-", "SciRE v2"},
            new String[] {"li-", "Li et al. 2024"},
            new String[] {"euler-ancestral", "DDPM and ancestral"},
            new String[] {"ddpm-", "DDPM and ancestral"},
            new String[] {"ddim-eta", "DDPM and ancestral"},
            new String[] {"ddim", "DDIM and EDM"},
            new String[] {"euler", "DDIM and EDM"},
            new String[] {"heun", "DDIM and EDM"},
            new String[] {"edm-", "DDIM and EDM"},
            new String[] {"fors", "FORS"});

    private SamplerFamilies() {
    }

    /** The family of a sampler id; an id no rule knows is its own family, named by the id's first word. */
    public static String of(String samplerId) {
        for (String[] p : PREFIXES) {
            if (samplerId.startsWith(p[0])) {
                return p[1];
            }
        }
        int dash = samplerId.indexOf('-');
        String head = dash > 0 ? samplerId.substring(0, dash) : samplerId;
        return head.toUpperCase(Locale.ROOT);
    }

    /** Every registered sampler id that belongs to {@code family} (case-insensitive), in registry order. */
    public static List<String> members(String family) {
        return SamplerRegistry.ids().stream().filter(id -> of(id).equalsIgnoreCase(family)).toList();
    }

    /** The families of the registered samplers, in registry order. */
    public static List<String> all() {
        return SamplerRegistry.ids().stream().map(SamplerFamilies::of).distinct().toList();
    }
}
