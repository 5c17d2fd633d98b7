package difflab.analysis.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-file writes that never leave a partial file at the target.
 *
 * <p>The content goes to {@code .<name>.<pid>.<n>.tmp} in the target's directory (same file
 * system, created with the process's default permissions), is forced to disk, and is then moved
 * over the target with {@link StandardCopyOption#ATOMIC_MOVE}, falling back to
 * {@link StandardCopyOption#REPLACE_EXISTING} where the file system cannot rename atomically. If
 * the content writer throws, the temporary file is deleted, the target is left as it was, and the
 * exception propagates. Missing parent directories are created.
 *
 * <p>Temporary files never outlive their process: a shutdown hook deletes the ones still being written when the
 * JVM exits (SIGINT, SIGTERM, {@code System.exit}), and the first write into a directory deletes the temporaries
 * there whose process is no longer alive (left by a process killed with SIGKILL or by a power loss).
 */
public final class AtomicFiles {

    /** Produces a file's content. The stream must not be closed by the writer (closing is ignored). */
    @FunctionalInterface
    public interface ContentWriter {
        /**
         * Writes the whole content.
         *
         * @param out the stream to the temporary file
         * @throws IOException to abandon the write
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private static final AtomicLong TEMP_COUNTER = new AtomicLong();
    /** {@code .<name>.<pid>.<n>.tmp}: group 1 is the pid. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.(\\d+)\\.\\d+\\.tmp");
    /** Temporaries being written now; the shutdown hook deletes them. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    /** Directories already swept for stale temporaries by this process. */
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();
    private static volatile boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deleteInFlight, "atomic-files-cleanup"));
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target  the file to create or replace
     * @param content the writer of the content
     * @throws IOException from the file system or from {@code content}; the target is then unchanged
     */
    public static void write(Path target, ContentWriter content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        if (SWEPT.add(directory)) {
            sweepStaleTemporaries(directory);
        }
        Path temporary = createTemporary(directory, absolute.getFileName().toString());
        IN_FLIGHT.add(temporary);
        try {
            if (shuttingDown) {
                throw new IOException("the JVM is shutting down; " + target + " was not written");
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel));
                content.writeTo(new FilterOutputStream(buffered) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
                buffered.flush();
                channel.force(true);
            }
            move(temporary, absolute);
        } catch (IOException | RuntimeException | Error failure) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanupFailure) {
                failure.addSuppressed(cleanupFailure);
            }
            throw failure;
        } finally {
            IN_FLIGHT.remove(temporary);
        }
    }

    /**
     * Deletes the temporary files of this class in {@code directory} whose process is no longer alive, and returns
     * them. Temporaries of live processes (this one included) are kept.
     */
    public static List<Path> sweepStaleTemporaries(Path directory) throws IOException {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return deleted;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, ".*.tmp")) {
            for (Path entry : entries) {
                Matcher m = TEMPORARY.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && !alive(m.group(1))) {
                    if (Files.deleteIfExists(entry)) {
                        deleted.add(entry);
                    }
                }
            }
        }
        return deleted;
    }

    private static boolean alive(String pid) {
        try {
            long id = Long.parseLong(pid);
            return id == ProcessHandle.current().pid() || ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException tooLong) {
            return false;
        }
    }

    private static void deleteInFlight() {
        shuttingDown = true;
        for (Path temporary : IN_FLIGHT) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the JVM is exiting; nothing else can be done
            }
        }
    }

    /** Writes {@code text} as UTF-8, atomically. */
    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /** Writes {@code bytes}, atomically. */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        write(target, out -> out.write(bytes));
    }

    private static Path createTemporary(Path directory, String name) throws IOException {
        long pid = ProcessHandle.current().pid();
        while (true) {
            Path candidate = directory.resolve("." + name + "." + pid + "." + TEMP_COUNTER.incrementAndGet() + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException taken) {
                // a stale file from an earlier process with the same pid: try the next number
            }
        }
    }

    private static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException notSupported) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
