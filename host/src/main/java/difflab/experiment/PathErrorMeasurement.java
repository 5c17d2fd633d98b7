package difflab.experiment;

import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.metrics.PathwiseError;
import difflab.reference.ProbabilityFlowReference;
import difflab.run.Backend;
import difflab.run.SamplingJob;
import difflab.run.SamplingResult;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.NoiseSchedule;
import difflab.target.Target;
import difflab.target.Targets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures one cell of a deterministic-sampler experiment: the RMS pathwise error at t<sub>0</sub> between the
 * sampler's particles and the exact (Gaussian) or Dormand–Prince reference flow of the same seeded x<sub>T</sub>
 * ({@link PathwiseError}), and the NFE. The sampler is used in its order-study form
 * ({@link Sampler#forOrderStudy()}: lower-order-final off) when the cell's extra axis {@code lof} is "off".
 * Reference solutions are cached per (target, particles, seed, λ range), since they do not depend on the sampler.
 */
public final class PathErrorMeasurement {
    /** The metric columns this measurement returns. */
    public static final List<String> METRICS = List.of("nfe", "error");

    private final Map<String, Particles> references = new ConcurrentHashMap<>();

    /** Runs the cell and returns {@code nfe} and {@code error}. */
    public Map<String, Object> measure(Cell cell, Backend backend) {
        Sampler registered = SamplerRegistry.byId(cell.sampler());
        Sampler sampler = "off".equals(cell.extra("lof", "default")) ? registered.forOrderStudy() : registered;
        Target target = Targets.byName(cell.target(), cell.dimension(), cell.components());
        SamplingContext ctx = Cells.context(cell);
        NoiseSchedule schedule = ctx.schedule();
        double start = ctx.grid().start();
        double end = ctx.grid().end();
        Particles init = InitialNoise.standardNormal(cell.particles(), cell.dimension(), cell.seed());
        SamplingResult result = backend.sample(new SamplingJob(sampler, ctx, target, init, cell.seed()));
        double lambdaStart = schedule.lambda(start);
        double lambdaEnd = schedule.lambda(end);
        String key = target.id() + "|" + cell.particles() + "|" + cell.seed() + "|" + lambdaStart + "|" + lambdaEnd;
        Particles reference = references.computeIfAbsent(key,
                k -> ProbabilityFlowReference.solve(target, init, lambdaStart, lambdaEnd));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nfe", result.evaluations());
        m.put("error", PathwiseError.rms(result.particles(), reference));
        return m;
    }
}
