package difflab.analysis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No temporary file outlives its process: signals clean up, and stale ones of dead processes are swept. */
class AtomicFilesCleanupTest {

    /** Starts an atomic write of args[0] whose content never finishes; prints "writing" once the temporary exists. */
    public static final class BlockedWriter {
        public static void main(String[] args) throws Exception {
            AtomicFiles.write(Path.of(args[0]), out -> {
                out.write("partial".getBytes(StandardCharsets.UTF_8));
                out.flush();
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @Test
    void sigtermDuringAWriteLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("runs.csv");
        Files.writeString(target, "a\n1\n");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), BlockedWriter.class.getName(), target.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("writing", out.readLine());
            assertEquals(2, names(dir).size(), "the temporary exists while the write is under way: " + names(dir));
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(List.of("runs.csv"), names(dir));
        assertEquals("a\n1\n", Files.readString(target));
    }

    @Test
    void firstWriteIntoADirectorySweepsTemporariesOfDeadProcessesOnly(@TempDir Path dir) throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        long deadPid = finished.pid();
        long livePid = ProcessHandle.current().pid();
        Files.writeString(dir.resolve(".runs.csv." + deadPid + ".3.tmp"), "stale");
        Files.writeString(dir.resolve(".fits.csv." + deadPid + ".17.tmp"), "stale");
        Files.writeString(dir.resolve(".runs.csv." + livePid + ".999999.tmp"), "in flight");
        Files.writeString(dir.resolve("notes.tmp"), "not ours");
        AtomicFiles.writeString(dir.resolve("runs.csv"), "x\n");
        assertEquals(List.of(".runs.csv." + livePid + ".999999.tmp", "notes.tmp", "runs.csv"), names(dir));
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
