package difflab.sampler.registry;

import difflab.sampler.MultistepOptions;
import difflab.sampler.Sampler;
import difflab.sampler.ode.Ddim;
import difflab.sampler.ode.Deis;
import difflab.sampler.ode.DpmSolverPlusPlus2MUniC;
import difflab.sampler.ode.DpmSolverPlusPlus3MCorrected;
import difflab.sampler.ode.DpmSolverPlusPlusMultistep;
import difflab.sampler.ode.DpmSolverSinglestep;
import difflab.sampler.ode.PredictionBasis;
import difflab.sampler.ode.EdmEuler;
import difflab.sampler.ode.EdmHeun;
import difflab.sampler.ode.Ipndm;
import difflab.sampler.ode.KDiffusionLms;
import difflab.sampler.ode.LiAcceleratedOdeCode;
import difflab.sampler.ode.LiAcceleratedOdePaper;
import difflab.sampler.ode.LiDdimType;
import difflab.sampler.ode.ResMultistep2;
import difflab.sampler.ode.ResSinglestep2;
import difflab.sampler.ode.ResSinglestep3;
import difflab.sampler.ode.SciReMultistep;
import difflab.sampler.ode.SciRePhiRule;
import difflab.sampler.ode.SciReSinglestep;
import difflab.sampler.ode.SciReVariant;
import difflab.sampler.ode.UniPc;
import difflab.sampler.sde.SaSolver;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every sampler difflab knows, by id, in the order the README's table lists them. Samplers are immutable, so one
 * instance per id serves every run. Multistep samplers are registered with their source's default options
 * (DPM-Solver's for dpmpp-*, none lowered at the end for res-2m, as Cosmos and ComfyUI run it, SciRE's
 * lower-order-final at any step count for SciRE and UniPC); order tests construct
 * their own instances with lower-order-final off.
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
        register(m, new DpmSolverPlusPlus3MCorrected(dpm));
        register(m, new DpmSolverSinglestep(1, false, PredictionBasis.NOISE));
        register(m, new DpmSolverSinglestep(2, false, PredictionBasis.NOISE));
        register(m, new DpmSolverSinglestep(2, true, PredictionBasis.NOISE));
        register(m, new DpmSolverSinglestep(3, false, PredictionBasis.NOISE));
        register(m, new DpmSolverSinglestep(1, false, PredictionBasis.DATA));
        register(m, new DpmSolverSinglestep(2, false, PredictionBasis.DATA));
        register(m, new DpmSolverSinglestep(2, true, PredictionBasis.DATA));
        register(m, new DpmSolverSinglestep(3, false, PredictionBasis.DATA));
        register(m, ResSinglestep2.standard());
        register(m, ResMultistep2.standard());
        register(m, ResSinglestep3.standard(ResSinglestep3.Variant.GAMMA_C3_SQUARED));
        register(m, ResSinglestep3.standard(ResSinglestep3.Variant.GAMMA_C3_CUBED_RES4LYF));
        register(m, ResSinglestep3.standard(ResSinglestep3.Variant.STIFF_ORDER_3));
        register(m, new EdmEuler());
        register(m, EdmHeun.standard());
        MultistepOptions scire = SciReMultistep.sciReDefaults();
        register(m, new SciReSinglestep(SciReVariant.V1, 2, SciRePhiRule.OFFICIAL));
        register(m, new SciReSinglestep(SciReVariant.V1, 3, SciRePhiRule.OFFICIAL));
        register(m, new SciReMultistep(SciReVariant.V1, 2, SciRePhiRule.OFFICIAL, scire));
        register(m, new SciReMultistep(SciReVariant.V1, 3, SciRePhiRule.OFFICIAL, scire));
        register(m, new SciReSinglestep(SciReVariant.V2, 2, SciRePhiRule.OFFICIAL));
        register(m, new SciReSinglestep(SciReVariant.V2, 3, SciRePhiRule.OFFICIAL));
        register(m, new SciReMultistep(SciReVariant.V2, 2, SciRePhiRule.OFFICIAL, scire));
        register(m, new SciReMultistep(SciReVariant.V2, 3, SciRePhiRule.OFFICIAL, scire));
        register(m, new SciReSinglestep(SciReVariant.V1, 2, SciRePhiRule.UNIT));
        register(m, new SciReSinglestep(SciReVariant.V1, 3, SciRePhiRule.UNIT));
        register(m, new SciReMultistep(SciReVariant.V1, 2, SciRePhiRule.UNIT, scire));
        register(m, new SciReMultistep(SciReVariant.V1, 3, SciRePhiRule.UNIT, scire));
        register(m, new SciReSinglestep(SciReVariant.V2, 2, SciRePhiRule.UNIT));
        register(m, new SciReSinglestep(SciReVariant.V2, 3, SciRePhiRule.UNIT));
        register(m, new SciReMultistep(SciReVariant.V2, 2, SciRePhiRule.UNIT, scire));
        register(m, new SciReMultistep(SciReVariant.V2, 3, SciRePhiRule.UNIT, scire));
        for (UniPc.Variant variant : UniPc.Variant.values()) {
            for (boolean corrector : new boolean[] {true, false}) {
                for (int order = 1; order <= 3; order++) {
                    register(m, UniPc.standard(order, variant, corrector));
                }
            }
        }
        register(m, new DpmSolverPlusPlus2MUniC(UniPc.Variant.BH1, dpm));
        for (Deis.Quadrature quadrature : Deis.Quadrature.values()) {
            for (Deis.Basis basis : Deis.Basis.values()) {
                if (basis == Deis.Basis.RHO_AB && quadrature == Deis.Quadrature.RIEMANN_OFFICIAL) {
                    continue;
                }
                for (int degree = 1; degree <= 3; degree++) {
                    register(m, new Deis(basis, degree, quadrature));
                }
            }
        }
        register(m, new Ipndm());
        register(m, new KDiffusionLms(KDiffusionLms.DEFAULT_ORDER));
        register(m, new difflab.sampler.sde.KDiffusionDpm2(0.0));
        register(m, new LiDdimType());
        register(m, new LiAcceleratedOdeCode());
        register(m, new LiAcceleratedOdePaper(LiAcceleratedOdePaper.TerminalStep.DDIM_TYPE));
        register(m, new LiAcceleratedOdePaper(LiAcceleratedOdePaper.TerminalStep.REPEAT_ALPHA));
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
        register(m, new difflab.sampler.sde.KDiffusionDpm2(1.0));
        register(m, new difflab.sampler.sde.DpmSolverPlusPlusSde());
        register(m, new difflab.sampler.sde.DpmSolverPlusPlus3MSde());
        register(m, new difflab.sampler.sde.ResChurn());
        register(m, new difflab.sampler.sde.EdmStochasticHeun());
        for (int order : new int[] {SaSolver.DEFAULT_ORDER, 3}) {
            register(m, SaSolver.standard(order, order, SaSolver.DEFAULT_TAU));
            register(m, SaSolver.standard(order, order, 0.0));
        }
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
