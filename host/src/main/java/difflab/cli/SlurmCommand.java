package difflab.cli;

import difflab.analysis.io.AtomicFiles;
import difflab.backend.registry.Backends;
import difflab.cluster.SlurmPlan;
import difflab.core.Precision;
import difflab.experiment.Experiments;
import difflab.experiment.Scale;
import difflab.experiment.Shard;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code difflab slurm <id>…}: writes (and with --submit submits) a Slurm job array plus its merge job. */
@Command(name = "slurm", mixinStandardHelpOptions = true,
        description = "Write an sbatch job array (task i runs 'reproduce <ids> --shard i/N') and a merge job that runs "
                + "after every task succeeded (--dependency=afterok), print the plan, and with --submit submit both "
                + "and print the job ids. The results folder must be on a file system every node sees.",
        footer = {"", "Examples:",
            "  ./difflab slurm ode-orders --array 8 --partition cpu --time 1:00:00 --submit",
            "  ./difflab slurm li2024-sde --backend cuda --gpus-per-task 1 --array 4 --submit",
            "  ./difflab slurm scire-few-steps --quick --array 3   # write and print the plan"})
final class SlurmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", description = "Experiment ids or 'all'.")
    List<String> ids;

    @Option(names = "--array", paramLabel = "N", defaultValue = "4",
            description = "Array tasks = shards per experiment. Default: ${DEFAULT-VALUE}.")
    int array;

    @Option(names = "--max-parallel", paramLabel = "K", description = "Run at most K array tasks at once (--array=1-N%%K).")
    Integer maxParallel;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm partition of both jobs.")
    String partition;

    @Option(names = "--account", description = "Slurm account of both jobs.")
    String account;

    @Option(names = "--time", paramLabel = "T", description = "Time limit of each task and of the merge job, in a "
            + "Slurm format (e.g. 30, 2:00:00, 1-12:00:00).")
    String time;

    @Option(names = "--cpus-per-task", paramLabel = "C", description = "CPUs of each array task (the java backend uses "
            + "them all).")
    Integer cpusPerTask;

    @Option(names = "--mem", description = "Memory of each array task (Slurm --mem, e.g. 16G); the JVM heap is set by "
            + "DIFFLAB_JAVA_OPTS (default -Xmx8g).")
    String memory;

    @Option(names = "--gpus-per-task", paramLabel = "G", description = "GPUs of each array task, for --backend cuda "
            + "(or opencl on GPU nodes).")
    Integer gpusPerTask;

    @Option(names = "--job-name", defaultValue = "difflab", description = "Array job name. Default: ${DEFAULT-VALUE}.")
    String jobName;

    @Option(names = "--quick", description = "The reduced sweeps (results/quick/ by default).")
    boolean quick;

    @Option(names = "--results", description = "Results folder on a shared file system. Default: results/ in the "
            + "repository, results/quick/ with --quick.")
    Path results;

    @Option(names = "--backend", defaultValue = "java", description = "java, opencl or cuda. Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--device", description = "Device index or name substring (within the GPUs Slurm allocates).")
    String device;

    @Option(names = "--precision", defaultValue = "fp64", description = "fp64 or fp32. Default: ${DEFAULT-VALUE}.")
    String precision;

    @Option(names = "--out", description = "Folder for the job scripts, the jar copy and the logs. Default: "
            + "slurm/<date-time>/ in the repository.")
    Path out;

    @Option(names = "--submit", description = "Submit the array and the merge job with sbatch and print the job ids.")
    boolean submit;

    @Option(names = "--sbatch", defaultValue = "sbatch", description = "The sbatch program. Default: ${DEFAULT-VALUE}.")
    String sbatch;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> selected = new ArrayList<>();
        for (String id : ids) {
            if (id.equals("all")) {
                selected.addAll(Experiments.ids());
            } else {
                Experiments.byId(id);
                selected.add(id);
            }
        }
        if (!Backends.NAMES.contains(backend)) {
            throw new IllegalArgumentException("unknown backend '" + backend + "'; valid: " + String.join(", ",
                    Backends.NAMES));
        }
        String prec = Precision.parse(precision).id();
        Path repo = Path.of(System.getProperty("difflab.root", ".")).toAbsolutePath().normalize();
        Path root = (results != null ? results : quick ? Paths.quickResultsRoot() : Paths.resultsRoot())
                .toAbsolutePath().normalize();
        Path dir = (out != null ? out : repo.resolve("slurm")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))))
                .toAbsolutePath().normalize();
        Optional<Path> runningJar = runningJar();
        SlurmPlan.Resources resources = new SlurmPlan.Resources(jobName, Optional.ofNullable(partition),
                Optional.ofNullable(account), Optional.ofNullable(time), optional(cpusPerTask),
                Optional.ofNullable(memory), optional(gpusPerTask), optional(maxParallel));
        SlurmPlan plan = new SlurmPlan(repo.resolve("difflab"), runningJar.map(j -> dir.resolve("difflab.jar")),
                selected, quick, backend, Optional.ofNullable(device), prec, root, dir.resolve("logs"), array,
                resources);

        Files.createDirectories(dir.resolve("logs"));
        Path arrayScript = dir.resolve("array.sbatch");
        Path mergeScript = dir.resolve("merge.sbatch");
        writeScript(arrayScript, plan.arrayScript());
        writeScript(mergeScript, plan.mergeScript());
        if (runningJar.isPresent()) {
            Files.copy(runningJar.get(), dir.resolve("difflab.jar"), StandardCopyOption.REPLACE_EXISTING);
        }

        PrintWriter pw = spec.commandLine().getOut();
        Scale scale = quick ? Scale.QUICK : Scale.FULL;
        pw.printf("difflab slurm plan: %d array task%s; task i runs shard i/%d of each experiment%n", array,
                array == 1 ? "" : "s", array);
        for (String id : selected) {
            int cells = Experiments.byId(id).cells(scale).size();
            List<Integer> per = new ArrayList<>();
            for (int i = 1; i <= Math.min(array, 4); i++) {
                per.add(new Shard(i, array).cellCount(cells));
            }
            pw.printf("  %-20s %5d cells, %s per task%s%n", id, cells, per, array > 4 ? " ..." : "");
        }
        pw.printf("  backend %s %s, scale %s%s%n", backend, prec, quick ? "quick" : "full",
                gpusPerTask != null ? ", " + gpusPerTask + " GPU(s) per task" : "");
        pw.println("  results: " + root + " (must be on a file system every node sees)");
        pw.println("  array job:  " + arrayScript);
        pw.println("  merge job:  " + mergeScript + " (--dependency=afterok on the array)");
        pw.println("  jar:        " + runningJar.map(j -> dir.resolve("difflab.jar") + " (copy of " + j + ")")
                .orElse("the launcher's (not started from a jar)"));
        pw.println("  logs:       " + dir.resolve("logs"));
        if (!submit) {
            pw.println("submit with:");
            pw.println("  array=$(sbatch --parsable " + arrayScript + ") && sbatch "
                    + String.join(" ", SlurmPlan.mergeDependency("${array%%;*}")) + " " + mergeScript);
            pw.flush();
            return 0;
        }
        pw.flush();
        String arrayJob = submit(List.of(arrayScript.toString()));
        List<String> mergeArgs = new ArrayList<>(SlurmPlan.mergeDependency(arrayJob));
        mergeArgs.add(mergeScript.toString());
        String mergeJob = submit(mergeArgs);
        pw.println("submitted array job " + arrayJob + " (tasks 1-" + array + ") and merge job " + mergeJob
                + " (afterok:" + arrayJob + ")");
        pw.println("watch: squeue -j " + arrayJob + "," + mergeJob + "; logs in " + dir.resolve("logs"));
        pw.flush();
        return 0;
    }

    /** Runs {@code sbatch --parsable args} and returns the job id (without a ";cluster" suffix). */
    private String submit(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(sbatch, "--parsable"));
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + sbatch + "' (" + e.getMessage() + "); run the printed "
                    + "sbatch commands on a Slurm login node, or pass --sbatch PATH");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroy();
            throw new IllegalStateException(String.join(" ", cmd) + " did not answer within 120 s");
        }
        String last = output.isEmpty() ? "" : output.lines().reduce((a, b) -> b).orElse("");
        String id = last.split(";", 2)[0].trim();
        if (p.exitValue() != 0 || !id.matches("\\d+")) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + output);
        }
        return id;
    }

    private static void writeScript(Path file, String text) throws IOException {
        AtomicFiles.writeString(file, text);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException notPosix) {
            // sbatch reads the script; the execute bit is only a convenience
        }
    }

    /** The jar this JVM runs from, or empty when it runs from class folders (tests, an IDE). */
    private static Optional<Path> runningJar() {
        try {
            Path p = Path.of(SlurmCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("cannot locate the running jar", e));
        }
    }

    private static OptionalInt optional(Integer v) {
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }
}
