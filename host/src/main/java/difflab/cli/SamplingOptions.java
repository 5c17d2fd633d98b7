package difflab.cli;

import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.io.ParticleFiles;
import difflab.target.Target;
import difflab.target.Targets;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
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

    /**
     * Checks the shared options before any work: sizes against memory, options that would be ignored (-k with a
     * Gaussian, --device with the java backend, --particles with --init), and --out (extension, not a folder,
     * parent folder exists), so that a bad value is refused with exit 2 before sampling.
     *
     * @param initGiven whether the particles come from a file (--init)
     */
    void check(CommandSpec spec, String backend, boolean initGiven) {
        if (!Targets.NAMES.contains(targetName)) {
            throw new IllegalArgumentException("unknown --target '" + targetName + "'; accepted: "
                    + String.join(", ", Targets.NAMES));
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("--dim=" + dimension + "; accepted: >= 1");
        }
        if (components < 1) {
            throw new IllegalArgumentException("--components=" + components + "; accepted: >= 1");
        }
        boolean mixture = targetName.startsWith("gmm");
        Checks.onlyWith(spec, "--components", mixture, "with a mixture target (--target gmm or gmm-diag)");
        Checks.backendAndDevice(backend, device);
        Checks.onlyWith(spec, "--particles", !initGiven, "without --init (the particle count is the file's row count)");
        if (!initGiven) {
            if (particles < 1) {
                throw new IllegalArgumentException("--particles=" + particles + "; accepted: >= 1");
            }
            Checks.fitsInMemory("--particles=" + particles + " x --dim=" + dimension, (long) particles * dimension,
                    PARTICLE_COPIES);
        }
        long targetValues = targetName.equals("gaussian-full") ? (long) dimension * dimension
                : mixture ? (long) components * dimension : dimension;
        Checks.fitsInMemory(targetName.equals("gaussian-full") ? "--target gaussian-full with --dim=" + dimension
                : mixture ? "--components=" + components + " x --dim=" + dimension : "--dim=" + dimension,
                targetValues, 4);
        if (outFile != null) {
            ParticleFiles.checkWritable("--out", outFile);
        }
    }

    /** Arrays of n x d doubles a run holds at once (state, denoiser output, multistep history, result). */
    static final int PARTICLE_COPIES = 8;

    /** Standard normal particles from --particles and --seed (after {@link #check}). */
    Particles initialNoise() {
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
