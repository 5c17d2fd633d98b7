package difflab.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A Slurm plan for running experiments on a cluster: a job array whose task i runs
 * {@code difflab reproduce <ids> --shard i/N}, and a merge job ({@code difflab merge <ids>}) submitted with
 * {@code --dependency=afterok:<array job>}, so it starts only when every array task succeeded.
 *
 * <p>The tasks call the {@code difflab} launcher, so they get its JVM options ({@code DIFFLAB_JAVA_OPTS}), PoCL kernel
 * cache and libjsig signal chaining, with {@code DIFFLAB_JAR} set to a copy of the jar taken when the plan was written:
 * no task rebuilds the jar, and every task runs the same code even if the checkout changes while the array waits.
 * The results folder must be on a file system every node sees (each shard writes its own file there).
 *
 * @param launcher     the {@code difflab} launcher script
 * @param jar          the jar the tasks run ({@code DIFFLAB_JAR}), or empty to let the launcher choose
 * @param ids          experiment ids
 * @param quick        the reduced sweeps
 * @param backend      backend id
 * @param device       device selector, or empty
 * @param precision    precision id
 * @param results      the results folder (absolute)
 * @param logs         the folder for the jobs' output (absolute)
 * @param tasks        number of array tasks = shards
 * @param resources    what each job asks Slurm for
 */
public record SlurmPlan(Path launcher, Optional<Path> jar, List<String> ids, boolean quick, String backend,
        Optional<String> device, String precision, Path results, Path logs, int tasks, Resources resources) {

    /** The largest array a default Slurm configuration accepts (MaxArraySize=1001, indices 0 to 1000). */
    public static final int MAX_TASKS = 1000;

    private static final Pattern TIME = Pattern.compile(
            "\\d+|\\d+:\\d{1,2}|\\d+:\\d{1,2}:\\d{1,2}|\\d+-\\d+|\\d+-\\d+:\\d{1,2}|\\d+-\\d+:\\d{1,2}:\\d{1,2}|UNLIMITED|INFINITE");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.,+-]+");
    private static final Pattern MEMORY = Pattern.compile("\\d+[KMGT]?");

    /**
     * What each job asks Slurm for; empty values are left to the cluster's defaults.
     *
     * @param jobName     the array job's name (the merge job adds "-merge")
     * @param partition   {@code --partition}
     * @param account     {@code --account}
     * @param time        {@code --time} of each task and of the merge job
     * @param cpusPerTask {@code --cpus-per-task}
     * @param memory      {@code --mem}
     * @param gpusPerTask {@code --gpus-per-task} (array tasks only)
     * @param maxParallel at most this many array tasks at once ({@code --array=1-N%K})
     */
    public record Resources(String jobName, Optional<String> partition, Optional<String> account, Optional<String> time,
            OptionalInt cpusPerTask, Optional<String> memory, OptionalInt gpusPerTask, OptionalInt maxParallel) {

        /**
         * @throws IllegalArgumentException naming the option, the value and what is accepted
         */
        public Resources {
            check("--job-name", Optional.of(jobName), NAME, "letters, digits and _ . , + -");
            check("--partition", partition, NAME, "a partition name or a comma-separated list");
            check("--account", account, NAME, "an account name");
            check("--time", time, TIME, "minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED");
            check("--mem", memory, MEMORY, "a number of megabytes, or a number with K, M, G or T");
            positive("--cpus-per-task", cpusPerTask);
            positive("--gpus-per-task", gpusPerTask);
            positive("--max-parallel", maxParallel);
        }
    }

    /**
     * @throws IllegalArgumentException for a task count out of range, a GPU count on a CPU backend, a CUDA backend
     *                                  without GPUs, or a path the scripts cannot quote
     */
    public SlurmPlan {
        ids = List.copyOf(ids);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("name at least one experiment id (or all)");
        }
        if (tasks < 1 || tasks > MAX_TASKS) {
            throw new IllegalArgumentException("--array " + tasks + " is out of range: 1 to " + MAX_TASKS
                    + " array tasks (one shard each)");
        }
        if (resources.gpusPerTask().isPresent() && backend.equals("java")) {
            throw new IllegalArgumentException("--gpus-per-task needs a GPU backend (--backend cuda, or opencl with a "
                    + "GPU OpenCL driver); the java backend runs on CPUs");
        }
        if (backend.equals("cuda") && resources.gpusPerTask().isEmpty()) {
            throw new IllegalArgumentException("--backend cuda needs --gpus-per-task G (G >= 1): without it Slurm "
                    + "allocates no GPU to the tasks");
        }
        for (Path p : List.of(launcher, results, logs)) {
            quote(p.toString());
        }
        if (logs.toString().matches(".*\\s.*")) {
            throw new IllegalArgumentException("the log folder '" + logs + "' holds white space, which #SBATCH "
                    + "--output cannot take; choose another --out");
        }
        jar.ifPresent(j -> quote(j.toString()));
    }

    /** The array job script: task i runs shard i/N of every experiment. */
    public String arrayScript() {
        Resources r = resources;
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("# difflab: array task i runs shard i/" + tasks + " of " + String.join(" ", ids)
                + "; the merge job combines the shards.");
        lines.add("#SBATCH --job-name=" + r.jobName());
        lines.add("#SBATCH --array=1-" + tasks + r.maxParallel().stream().mapToObj(k -> "%" + k).findFirst().orElse(""));
        lines.add("#SBATCH --ntasks=1");
        lines.add("#SBATCH --output=" + logs.resolve("shard-%a-of-" + tasks + "-job-%A.out"));
        common(lines, r);
        r.cpusPerTask().ifPresent(c -> lines.add("#SBATCH --cpus-per-task=" + c));
        r.memory().ifPresent(m -> lines.add("#SBATCH --mem=" + m));
        r.gpusPerTask().ifPresent(g -> lines.add("#SBATCH --gpus-per-task=" + g));
        List<String> args = new ArrayList<>(List.of("reproduce"));
        args.addAll(ids);
        args.addAll(sweepOptions(true));
        device.ifPresent(d -> args.addAll(List.of("--device", d)));
        args.add("--no-progress");
        return body(lines, args, "--shard \"${SLURM_ARRAY_TASK_ID}/" + tasks + "\"");
    }

    /** The merge job script, to be submitted with {@code --dependency=afterok:<array job id>}. */
    public String mergeScript() {
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("# difflab: merges the " + tasks + " shards of " + String.join(" ", ids)
                + " once every array task succeeded (afterok).");
        lines.add("#SBATCH --job-name=" + resources.jobName() + "-merge");
        lines.add("#SBATCH --ntasks=1");
        lines.add("#SBATCH --output=" + logs.resolve("merge-job-%j.out"));
        common(lines, resources);
        List<String> args = new ArrayList<>(List.of("merge"));
        args.addAll(ids);
        args.addAll(sweepOptions(false));
        return body(lines, args, "");
    }

    /** The {@code sbatch} arguments of the merge job after the array job got this id. */
    public static List<String> mergeDependency(String arrayJobId) {
        return List.of("--dependency=afterok:" + arrayJobId, "--kill-on-invalid-dep=yes");
    }

    /** The options that pick the sweep and its results folder; the merge finds backend and precision itself. */
    private List<String> sweepOptions(boolean backendAndPrecision) {
        List<String> args = new ArrayList<>();
        if (quick) {
            args.add("--quick");
        }
        if (backendAndPrecision) {
            args.addAll(List.of("--backend", backend, "--precision", precision));
        }
        args.addAll(List.of("--results", results.toString()));
        return args;
    }

    private static void common(List<String> lines, Resources r) {
        r.partition().ifPresent(p -> lines.add("#SBATCH --partition=" + p));
        r.account().ifPresent(a -> lines.add("#SBATCH --account=" + a));
        r.time().ifPresent(t -> lines.add("#SBATCH --time=" + t));
    }

    private String body(List<String> lines, List<String> args, String tail) {
        lines.add("set -euo pipefail");
        lines.add("# The launcher sets the JVM options (DIFFLAB_JAVA_OPTS), the PoCL cache and libjsig signal chaining.");
        jar.ifPresent(j -> lines.add("export DIFFLAB_JAR=" + quote(j.toString())
                + "  # the jar of this plan: no task rebuilds it"));
        StringBuilder cmd = new StringBuilder("exec ").append(quote(launcher.toString()));
        for (String a : args) {
            cmd.append(' ').append(quote(a));
        }
        if (!tail.isEmpty()) {
            cmd.append(' ').append(tail);
        }
        lines.add(cmd.toString());
        return String.join("\n", lines) + "\n";
    }

    /** A single-quoted shell word. */
    static String quote(String s) {
        if (s.contains("'") || s.contains("\n")) {
            throw new IllegalArgumentException("'" + s + "' holds a quote or a newline; the job scripts cannot quote "
                    + "it: use a plain path or value");
        }
        return s.matches("[A-Za-z0-9_./,:=+-]+") ? s : "'" + s + "'";
    }

    private static void check(String option, Optional<String> value, Pattern accepted, String what) {
        value.ifPresent(v -> {
            if (!accepted.matcher(v).matches()) {
                throw new IllegalArgumentException(option + " '" + v + "' is not accepted: " + what);
            }
        });
    }

    private static void positive(String option, OptionalInt value) {
        value.ifPresent(v -> {
            if (v < 1) {
                throw new IllegalArgumentException(option + " " + v + " is not accepted: a whole number >= 1");
            }
        });
    }
}
