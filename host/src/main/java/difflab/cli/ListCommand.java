package difflab.cli;

import difflab.grid.Grids;
import difflab.sampler.Sampler;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.Schedules;
import difflab.target.Targets;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code difflab list}: every sampler, schedule, grid and target id. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List samplers (with NFE per step, nominal order and source), schedules, grids and targets.",
        footer = {"", "Example:", "  ./difflab list"})
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "Print the README's sampler table, with the orders measured by the "
            + "ode-orders experiment (read from results/ode-orders/fits.csv) where it has run.")
    boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.print(SamplerTable.markdown(Paths.resultsRoot().resolve("ode-orders").resolve("fits.csv")));
            out.flush();
            return 0;
        }
        out.println("Samplers:");
        out.printf("  %-22s %-5s %-6s %-5s %s%n", "id", "NFE", "order", "kind", "description");
        for (Sampler s : SamplerRegistry.all()) {
            String kind = (s.stochastic() ? "SDE" : "ODE") + (s.reconstruction() ? "*" : "");
            out.printf("  %-22s %-5d %-6d %-5s %s%n", s.id(), s.evaluationsPerStep(), s.nominalOrder(), kind,
                    s.description());
        }
        out.println("  (* = reconstruction of an unverified published formula)");
        out.println();
        out.println("Schedules: " + String.join(", ", Schedules.NAMES));
        out.println("Grids:     " + String.join(", ", Grids.NAMES));
        out.println("Targets:   " + String.join(", ", Targets.NAMES));
        out.flush();
        return 0;
    }
}
