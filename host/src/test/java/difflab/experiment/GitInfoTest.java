package difflab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorded commit is git's object id (and a true "-dirty"), whatever the JVM's environment preloads. */
class GitInfoTest {

    /** Prints {@link GitInfo#commit()}; run in a child JVM by the test. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.print(GitInfo.commit());
        }
    }

    @Test
    void commitIsACleanObjectIdWhenTheLauncherPreloadsLibjsig() throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path jsig = javaHome.resolve("lib/libjsig.so");
        assumeTrue(Files.isRegularFile(jsig), "no libjsig.so in " + javaHome);
        Path root = repositoryRoot();
        String head = gitWithoutPreload(root, "rev-parse", "HEAD");
        assumeTrue(head != null && head.matches("[0-9a-f]{40}"), "not in a git checkout");
        String status = gitWithoutPreload(root, "status", "--porcelain", "--untracked-files=no", "--",
                GitInfo.SOURCE_PATHS[0], GitInfo.SOURCE_PATHS[1]);
        String expected = status.isEmpty() ? head : head + "-dirty";

        ProcessBuilder child = new ProcessBuilder(javaHome.resolve("bin/java").toString(),
                "-Ddifflab.root=" + root, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        child.environment().put("LD_PRELOAD", jsig.toString());
        Process p = child.start();
        String recorded = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(expected, recorded, "commit recorded by a JVM started with LD_PRELOAD=" + jsig);
    }

    @Test
    void outsideARepositoryTheCommitIsUnknown() throws Exception {
        Path empty = Files.createTempDirectory("no-git");
        String previous = System.getProperty("difflab.root");
        try {
            System.setProperty("difflab.root", empty.toString());
            assumeTrue(gitWithoutPreload(empty, "rev-parse", "HEAD") == null, empty + " is inside a repository");
            assertEquals("unknown", GitInfo.commit());
        } finally {
            if (previous == null) {
                System.clearProperty("difflab.root");
            } else {
                System.setProperty("difflab.root", previous);
            }
            Files.delete(empty);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        return Files.exists(dir.resolve("host")) ? dir : dir.getParent();
    }

    private static String gitWithoutPreload(Path root, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        b.environment().remove("LD_PRELOAD");
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.waitFor() == 0 ? out : null;
    }

    @Test
    void rewrittenResultsDoNotMakeTheCommitDirtyButChangedSourcesDo(@TempDir Path repo) throws Exception {
        assumeTrue(run(repo, "git", "init", "-q") == 0, "git is not available");
        Files.createDirectories(repo.resolve("results"));
        Files.writeString(repo.resolve("Source.java"), "class Source {}\n");
        Files.writeString(repo.resolve("results/runs.csv"), "a\n1\n");
        assertEquals(0, run(repo, "git", "add", "."));
        assertEquals(0, run(repo, "git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "init"));
        String before = System.getProperty("difflab.root");
        System.setProperty("difflab.root", repo.toString());
        try {
            Files.writeString(repo.resolve("results/runs.csv"), "a\n2\n");
            assertTrue(GitInfo.commit().matches("[0-9a-f]{40}"), "results rewritten: " + GitInfo.commit());
            Files.writeString(repo.resolve("Source.java"), "class Source { int x; }\n");
            assertTrue(GitInfo.commit().matches("[0-9a-f]{40}-dirty"), "source changed: " + GitInfo.commit());
        } finally {
            if (before == null) {
                System.clearProperty("difflab.root");
            } else {
                System.setProperty("difflab.root", before);
            }
        }
    }

    private static int run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
