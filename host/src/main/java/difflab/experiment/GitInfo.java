package difflab.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The git commit and tool versions recorded with every result. */
final class GitInfo {
    static final String VERSION = "0.1.0";

    private GitInfo() {
    }

    /** The repository root: the {@code difflab.root} property set by the launcher, else the working directory. */
    static Path root() {
        return Path.of(System.getProperty("difflab.root", ".")).toAbsolutePath().normalize();
    }

    /** {@code git rev-parse HEAD} (with "-dirty" if the tree has changes), or "unknown". */
    static String commit() {
        String head = git("rev-parse", "HEAD");
        if (head == null) {
            return "unknown";
        }
        String status = git("status", "--porcelain", "--untracked-files=no");
        return status != null && !status.isBlank() ? head + "-dirty" : head;
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

    private static String git(String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = root().toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
