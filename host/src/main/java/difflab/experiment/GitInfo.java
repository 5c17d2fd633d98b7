package difflab.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The git commit and tool versions recorded with every result.
 *
 * <p>git runs without the launcher's {@code LD_PRELOAD} (HotSpot's libjsig, which would make git print a JVM
 * warning), and only its standard output is read: stderr is discarded, so no message can end up in a recorded
 * value. A commit that is not a full hexadecimal object id is recorded as {@code unknown}.
 */
final class GitInfo {
    static final String VERSION = "0.1.0";
    /** What {@link #commit()} records when git or the repository is not available. */
    static final String UNKNOWN = "unknown";
    /** A full SHA-1 (40) or SHA-256 (64) object id, as {@code git rev-parse HEAD} prints it. */
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private GitInfo() {
    }

    /** The repository root: the {@code difflab.root} property set by the launcher, else the working directory. */
    static Path root() {
        return Path.of(System.getProperty("difflab.root", ".")).toAbsolutePath().normalize();
    }

    /**
     * {@code git rev-parse HEAD}, with "-dirty" when tracked files outside {@code results/} differ from it
     * ({@code git status --porcelain --untracked-files=no} over {@link #SOURCE_PATHS} prints anything), or
     * {@value #UNKNOWN}. Results are left out because a run rewrites them: regenerating the committed results from a
     * clean checkout must not record every experiment after the first as dirty.
     */
    /** The pathspec of the files a commit's code consists of: everything but the committed results. */
    static final String[] SOURCE_PATHS = {":(top)", ":(top,exclude)results"};

    static String commit() {
        Optional<String> head = git("rev-parse", "HEAD").filter(h -> OBJECT_ID.matcher(h).matches());
        if (head.isEmpty()) {
            return UNKNOWN;
        }
        Optional<String> status = git("status", "--porcelain", "--untracked-files=no", "--", SOURCE_PATHS[0],
                SOURCE_PATHS[1]);
        if (status.isEmpty()) {
            return UNKNOWN;
        }
        return status.get().isEmpty() ? head.get() : head.get() + "-dirty";
    }

    static Map<String, Object> versions() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("difflab", VERSION);
        v.put("java", System.getProperty("java.version"));
        v.put("java_vendor", System.getProperty("java.vendor"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        v.put("processors", Runtime.getRuntime().availableProcessors());
        return v;
    }

    /** git's trimmed standard output, or empty when git cannot run, fails or takes over 10 s. */
    private static Optional<String> git(String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = root().toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().remove("LD_PRELOAD");
            Process p = builder.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
