package difflab.analysis.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void writerFailingMidwayLeavesPreviousFileIntact(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("fits.csv");
        AtomicFiles.writeString(file, "previous content\n");
        IOException planned = new IOException("disk full (simulated)");

        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new cont".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw planned;
        }));

        assertSame(planned, thrown);
        assertEquals("previous content\n", Files.readString(file));
        assertEquals(List.of(file), filesIn(dir), "the temporary file is removed");
    }

    @Test
    void uncheckedFailureAlsoLeavesPreviousFileIntact(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plot.png");
        AtomicFiles.writeBytes(file, new byte[] {1, 2, 3});

        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[4096]);
            throw new IllegalStateException("renderer crashed");
        }));

        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        assertEquals(List.of(file), filesIn(dir));
    }

    @Test
    void createsMissingDirectoriesAndReplacesExistingFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a/b/REPORT.md");
        AtomicFiles.writeString(file, "first");
        AtomicFiles.writeString(file, "second, longer");

        assertEquals("second, longer", Files.readString(file));
        assertEquals(List.of(file), filesIn(file.getParent()));
    }

    record Machine(String cpu, int cores) {
    }

    @Test
    void jsonRoundTripOfManifest(@TempDir Path dir) throws IOException {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("command", List.of("difflab", "run", "order-gaussian"));
        manifest.put("machine", new Machine("x86_64", 2));
        manifest.put("tolerance", 1e-12);
        Path file = dir.resolve("manifest.json");

        JsonFiles.writeAtomic(file, manifest);

        Map<String, Object> back = JsonFiles.readMap(file);
        assertEquals(List.of("difflab", "run", "order-gaussian"), back.get("command"));
        assertEquals(Map.of("cpu", "x86_64", "cores", 2), back.get("machine"));
        assertEquals(1e-12, (Double) back.get("tolerance"), 0.0);
        JsonNode tree = JsonFiles.readTree(file);
        assertEquals(2, tree.path("machine").path("cores").asInt());
        assertEquals(List.of("command", "machine", "tolerance"), List.copyOf(back.keySet()), "insertion order kept");
        assertTrue(Files.readString(file).endsWith("}\n"));
    }

    /** A bean whose getter fails, so serialisation dies after part of the document is written. */
    public static final class Exploding {
        public String getValue() {
            throw new IllegalStateException("cannot serialise");
        }
    }

    @Test
    void failedSerialisationLeavesPreviousManifestIntact(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("manifest.json");
        JsonFiles.writeAtomic(file, Map.of("version", 1));
        Map<String, Object> broken = new LinkedHashMap<>();
        broken.put("version", 2);
        broken.put("bad", new Exploding());

        assertThrows(JsonMappingException.class, () -> JsonFiles.writeAtomic(file, broken));

        assertEquals(Map.of("version", 1), JsonFiles.readMap(file));
        assertEquals(List.of(file), filesIn(dir));
    }
}
