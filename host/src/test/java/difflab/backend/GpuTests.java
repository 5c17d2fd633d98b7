package difflab.backend;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the device tests without Maven, for the GPU bundle's {@code run-tests} launcher on a machine that
 * has an NVIDIA driver and no JDK: {@code cuda} selects every test class of {@code difflab.backend.cuda}
 * (cross-backend cuda vs java in fp64/fp32 with bundled and NVRTC PTX, Philox known answers, device list,
 * no-driver path, FORS), {@code opencl} the OpenCL cross-backend, kernel and FORS tests (on the NVIDIA OpenCL platform
 * there). Prints each test's outcome and the summary; exit code 0 only if nothing failed and at least one
 * test ran (skips count as nothing run, so a machine without a usable GPU does not pass silently).
 *
 * <p>Usage: {@code GpuTests [cuda] [opencl]} (both when none is given).
 */
public final class GpuTests {

    private GpuTests() {
    }

    public static void main(String[] args) {
        List<String> groups = args.length == 0 ? List.of("cuda", "opencl") : List.of(args);
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String g : groups) {
            switch (g) {
                case "cuda":
                    selectors.add(selectPackage("difflab.backend.cuda"));
                    break;
                case "opencl":
                    selectors.add(selectClass("difflab.backend.opencl.OpenClCrossBackendTest"));
                    selectors.add(selectClass("difflab.backend.opencl.OpenClKernelTest"));
                    selectors.add(selectClass("difflab.backend.opencl.OpenClForsTest"));
                    break;
                default:
                    System.err.println("GpuTests: unknown group '" + g + "'; accepted: cuda, opencl");
                    System.exit(2);
            }
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener printer = new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                System.out.println("SKIPPED " + id.getDisplayName() + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    System.out.println(result.getStatus() + " " + id.getDisplayName()
                            + result.getThrowable().map(t -> ": " + t).orElse(""));
                }
            }
        };
        launcher.execute(request, summary, printer);
        TestExecutionSummary s = summary.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        s.printTo(out);
        s.printFailuresTo(out, 20);
        long failed = s.getTotalFailureCount();
        boolean ok = failed == 0 && s.getTestsSucceededCount() > 0;
        out.println(ok ? "GPU TESTS PASSED" : "GPU TESTS FAILED (" + failed + " failed, " + s.getTestsSucceededCount()
                + " succeeded, " + s.getTestsAbortedCount() + " aborted)");
        System.exit(ok ? 0 : 1);
    }
}
