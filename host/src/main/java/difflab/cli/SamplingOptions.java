package difflab.cli;

import difflab.io.ParticleFiles;
import difflab.run.InitialNoise;
import difflab.run.Particles;
import difflab.target.Target;
import difflab.target.Targets;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code run} and {@code fors} share: the target, the particles and their seed, device and outputs. */
final class SamplingOptions {

    @Option(names = "--target", defaultValue = "gmm", description = "Target: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            completionCandidates = RunCommand.TargetNames.class)
    String targetName;

    @Option(names = {"-d", "--dim"}, defaultValue = "2", description = "Dimension d. Default: ${DEFAULT-VALUE}.")
    int dimension;

    @Option(names = {"-k", "--components"}, defaultValue = "4", description = "Mixture components K. Default: ${DEFAULT-VALUE}.")
    int components;

    @Option(names = {"-n", "--particles"}, defaultValue = "1000", description = "Particles. Default: ${DEFAULT-VALUE}.")
    int particles;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the initial noise and of all other randomness. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--device", description = "Device index or name substring for device backends.")
    String device;

    @Option(names = "--out", description = "Write the final particles of the last row (.csv or .npy).")
    Path outFile;

    @Option(names = "--profile", description = "Print per-kernel device times, copies and build time (device backends).")
    boolean profile;

    /** The exact target named by --target, --dim, --components. */
    Target target() {
        return Targets.byName(targetName, dimension, components);
    }

    /** Standard normal particles from --particles and --seed. */
    Particles initialNoise() {
        if (particles < 1) {
            throw new IllegalArgumentException("--particles=" + particles + "; accepted: >= 1");
        }
        return InitialNoise.standardNormal(particles, dimension, seed);
    }

    /** Writes {@code last} to --out, if given. */
    void writeOut(Particles last, PrintWriter out) {
        if (outFile != null && last != null) {
            ParticleFiles.write(outFile, last);
            out.println("wrote " + outFile);
        }
    }
}
