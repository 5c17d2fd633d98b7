package difflab.cli;

import java.nio.file.Path;

/** Locations the command line uses by default. */
final class Paths {
    private Paths() {
    }

    /** {@code results/} under the repository root (the launcher's {@code difflab.root}), else the working directory. */
    static Path resultsRoot() {
        return Path.of(System.getProperty("difflab.root", ".")).toAbsolutePath().normalize().resolve("results");
    }

    /**
     * {@code results/quick/}: where {@code reproduce --quick} writes by default, so that the reduced sweeps never mix
     * their cells into the committed full results (the folder is ignored by git).
     */
    static Path quickResultsRoot() {
        return resultsRoot().resolve("quick");
    }
}
