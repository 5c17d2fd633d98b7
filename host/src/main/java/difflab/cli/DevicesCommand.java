package difflab.cli;

import difflab.backend.opencl.OpenClDevices;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code difflab devices}: the devices each backend can use. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List OpenCL platforms and devices (fp64 support, memory, maximum allocation) and CUDA devices.",
        footer = {"", "Example:", "  ./difflab devices"})
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("java: the JVM, " + Runtime.getRuntime().availableProcessors() + " processor(s), fp64");
        out.print(OpenClDevices.report());
        out.flush();
        return 0;
    }
}
