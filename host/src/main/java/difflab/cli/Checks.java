package difflab.cli;

import difflab.run.Backends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks of command-line values that more than one command makes before doing any work. Each throws
 * {@link IllegalArgumentException} (exit code 2) with a message that names the option, the value and what is
 * accepted.
 */
final class Checks {
    private Checks() {
    }

    /** Whether {@code option} (any of its names) was given on the command line, rather than left at its default. */
    static boolean given(CommandSpec spec, String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /**
     * A list option's values: at least one, and the option given once (picocli would join the values of repeated
     * list options, which hides a typo such as {@code --steps 8 --steps 16}).
     */
    static <T> List<T> list(CommandSpec spec, String option, List<T> values) {
        long times = spec.commandLine().getParseResult().originalArgs().stream()
                .filter(a -> a.equals(option) || a.startsWith(option + "=")).count();
        if (times > 1) {
            throw new IllegalArgumentException(option + " is given " + times + " times; accepted: once, with"
                    + " comma-separated values (e.g. " + option + " 8,16,32)");
        }
        if (values != null && values.isEmpty()) {
            throw new IllegalArgumentException(option + " has no values; accepted: one or more comma-separated values");
        }
        return values;
    }

    /**
     * The results folder of {@code --results}: not empty text (which would write into the working directory), and
     * not an existing file.
     */
    static Path resultsFolder(Path given, Path defaultFolder) {
        if (given == null) {
            return defaultFolder;
        }
        if (given.toString().isBlank()) {
            throw new IllegalArgumentException("--results is empty; accepted: a folder path (default "
                    + defaultFolder + ")");
        }
        if (Files.exists(given) && !Files.isDirectory(given)) {
            throw new IllegalArgumentException("--results=" + given + " is a file; accepted: a folder");
        }
        return given;
    }

    /** {@code --backend} is known, and {@code --device} is given only with a device backend. */
    static void backendAndDevice(String backend, String device) {
        if (!Backends.NAMES.contains(backend)) {
            throw new IllegalArgumentException("unknown --backend '" + backend + "'; accepted: "
                    + String.join(", ", Backends.NAMES));
        }
        if (device != null && backend.equals("java")) {
            throw new IllegalArgumentException("--device=" + device + " applies to the opencl and cuda backends only;"
                    + " the java backend runs on the CPU threads of this JVM (omit --device or use --backend opencl)");
        }
    }

    /** A finite number when given (NaN or Infinity would silently fall back to a default or fail later). */
    static Double finite(String option, Double value) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(option + "=" + value + "; accepted: a finite number");
        }
        return value;
    }
}
