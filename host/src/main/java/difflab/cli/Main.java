package difflab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code difflab} command line. Exit codes: 0 success, 1 failure while running, 2 bad usage (unknown ids,
 * invalid values; the message names the bad value and what is accepted).
 */
@Command(name = "difflab", mixinStandardHelpOptions = true, version = "difflab 0.1.0",
        description = "Diffusion-model samplers as coefficient programs, with exact-oracle convergence experiments.",
        subcommands = {ListCommand.class, RunCommand.class, ReproduceCommand.class, ReportCommand.class,
            ForsCommand.class, DevicesCommand.class, BenchCommand.class, PlotCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
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

    /** Runs the command line and returns the exit code (for tests). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException) {
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

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
