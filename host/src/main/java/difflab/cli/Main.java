package difflab.cli;

import difflab.core.BackendException;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code difflab} command line. Exit codes: 0 success, 1 failure while running (including "nothing to
 * report"), 2 bad usage (unknown ids, invalid or conflicting values, sizes that cannot fit, a device that does not
 * exist or cannot run the request; the message names the option, the bad value and what is accepted; nothing is
 * sampled or written). {@code difflab} without a command prints the usage and exits 2.
 */
@Command(name = "difflab", mixinStandardHelpOptions = true, version = "difflab 0.1.0",
        description = "Diffusion-model samplers as coefficient programs, with exact-oracle convergence experiments.",
        subcommands = {ListCommand.class, RunCommand.class, ReproduceCommand.class, ReportCommand.class,
            ForsCommand.class, DevicesCommand.class, BenchCommand.class, PlotCommand.class,
            MergeCommand.class, SlurmCommand.class, CompareCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit code for a failure while running. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for bad usage. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** Backend failures that come from the request (a device that does not exist or cannot run it): exit 2. */
    private static final Set<BackendException.Reason> USAGE_REASONS = Set.of(BackendException.Reason.NO_DEVICE,
            BackendException.Reason.NO_FP64, BackendException.Reason.UNSUPPORTED);

    /** Runs the command line and returns the exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cl = commandLine();
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError tooLarge) {
            cl.getErr().println("difflab: failed: out of memory (" + tooLarge.getMessage() + "); reduce the sizes"
                    + " (--particles, --dim, --components, --steps) or give the JVM more memory, e.g."
                    + " DIFFLAB_JAVA_OPTS=-Xmx16g");
            return EXIT_FAILURE;
        }
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException
                    || ex instanceof BackendException b && USAGE_REASONS.contains(b.reason())) {
                commandLine.getErr().println("difflab: error: " + ex.getMessage());
                return EXIT_USAGE;
            }
            commandLine.getErr().println("difflab: failed: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (Boolean.getBoolean("difflab.debug")) {
                ex.printStackTrace(commandLine.getErr());
            }
            return EXIT_FAILURE;
        });
        return cl;
    }

    /** Without a command: the usage, then exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }
}
