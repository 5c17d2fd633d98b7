package difflab.cli;

import difflab.backend.Benchmark;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code difflab bench}: copy bandwidth, the output combine kernel, a full DPM-Solver++(2M) step and a FORS run, per
 * backend.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark each backend: a copy kernel (attainable bandwidth), the output combine kernel (GB/s and "
                + "fraction of copy bandwidth), a full DPM-Solver++(2M) step on a Gaussian mixture (d=64, K=16) and a FORS "
                + "run (d=2, K=4, 16 steps), medians over repetitions.",
        footer = {"", "Examples:", "  ./difflab bench", "  ./difflab bench --particles 1000000 --json"})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--backends", split = ",", description = "Backends to measure: java, opencl, cuda. Default: java,opencl.")
    List<String> backends;

    @Option(names = "--device", description = "OpenCL/CUDA device index or name substring.")
    String device;

    @Option(names = {"-n", "--particles"}, description = "Particles of the combine and step benchmarks (default 65536).")
    Integer particles;

    @Option(names = "--fors-particles", description = "Particles of the FORS benchmark (2-D mixture, 16 steps); 0 skips"
            + " it. Default: 32768.")
    Integer forsParticles;

    @Option(names = "--repetitions", description = "Timed repetitions per figure (median reported). Default: 5.")
    Integer repetitions;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        Benchmark.Config d = Benchmark.Config.defaults();
        Checks.list(spec, "--backends", backends);
        if (backends != null) {
            for (String b : backends) {
                Checks.backendAndDevice(b, null);
            }
        }
        if (particles != null) {
            if (particles < 1 || particles % Benchmark.SIZE_QUANTUM != 0) {
                throw new IllegalArgumentException("--particles=" + particles + "; accepted: a positive multiple of "
                        + Benchmark.SIZE_QUANTUM + " (the widest vector width)");
            }
            Checks.fitsInMemory("--particles=" + particles + " x d=" + d.dimension(),
                    (long) particles * d.dimension(), SamplingOptions.PARTICLE_COPIES);
        }
        if (forsParticles != null && forsParticles > 0) {
            Checks.fitsInMemory("--fors-particles=" + forsParticles + " x d=2", 2L * forsParticles,
                    SamplingOptions.PARTICLE_COPIES);
        }
        if (repetitions != null && repetitions < 1) {
            throw new IllegalArgumentException("--repetitions=" + repetitions + "; accepted: >= 1");
        }
        Benchmark.Config c = new Benchmark.Config(backends != null ? backends : d.backends(),
                device != null ? device : d.device(), d.copyElements(), d.combineParticles(), d.stepParticles(),
                d.dimension(), d.components(), d.steps(), repetitions != null ? repetitions : d.repetitions());
        if (particles != null) {
            c = c.withParticles(particles);
        }
        if (forsParticles != null) {
            if (forsParticles < 0) {
                throw new IllegalArgumentException("--fors-particles=" + forsParticles + "; accepted: >= 0 (0 skips it)");
            }
            c = c.withForsParticles(forsParticles);
        } else {
            c = c.withForsParticles(d.forsParticles());
        }
        Benchmark.Result r = Benchmark.run(c);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? r.json() : r.table());
        out.flush();
        return 0;
    }
}
