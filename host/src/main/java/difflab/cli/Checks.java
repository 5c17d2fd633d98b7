package difflab.cli;

import difflab.backend.registry.Backends;
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

    /** The most values one Java array holds. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * {@code copies} arrays of {@code values} doubles fit in one Java array each and together in the JVM's heap.
     *
     * @param what the options that set the size, with their values, e.g. "--particles=10 x --dim=2"
     */
    static void fitsInMemory(String what, long values, int copies) {
        long heap = Runtime.getRuntime().maxMemory();
        if (values > MAX_ARRAY || values * 8.0 * copies > heap) {
            throw new IllegalArgumentException(what + " needs " + values + " values per array (" + copies
                    + " arrays, about " + String.format(java.util.Locale.ROOT, "%.1f", values * 8.0 * copies / (1L << 30))
                    + " GiB); accepted: at most " + MAX_ARRAY + " values per array and " + heap / (1L << 20)
                    + " MiB in all (the JVM's -Xmx; the launcher reads DIFFLAB_JAVA_OPTS, e.g. -Xmx16g)");
        }
    }

    /**
     * Step counts: each at least 1 and small enough that the per-step arrays fit in memory (the time grid and the
     * samplers' coefficient tables, counted as 16 doubles per step).
     */
    static void steps(String option, List<Integer> steps) {
        for (int s : steps) {
            if (s < 1) {
                throw new IllegalArgumentException(option + " contains " + s + "; accepted: integers >= 1");
            }
            fitsInMemory(option + "=" + s, (long) s + 1, 16);
        }
    }

    /** {@code option} was not given, or {@code applies} holds; else the option would be ignored: refused. */
    static void onlyWith(CommandSpec spec, String option, boolean applies, String when) {
        if (given(spec, option) && !applies) {
            throw new IllegalArgumentException(option + " has no effect here and would be ignored; accepted only "
                    + when);
        }
    }
}
