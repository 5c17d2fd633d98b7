package difflab.analysis.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * JSON files (run manifests: command line, versions, machine) through Jackson.
 *
 * <p>Written pretty-printed with a final newline, maps in their iteration order (use a
 * {@link java.util.LinkedHashMap} for a stable layout), records by their components. Non-finite
 * doubles are written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. No
 * {@code java.time} module is registered: put timestamps in as strings.
 */
public final class JsonFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFiles() {
    }

    /**
     * Serialises {@code value} to {@code target} atomically (see {@link AtomicFiles}).
     *
     * @throws IOException if serialisation or the write fails; the target is then unchanged
     */
    public static void writeAtomic(Path target, Object value) throws IOException {
        AtomicFiles.write(target, out -> {
            MAPPER.writeValue(out, value);
            out.write('\n');
        });
    }

    /** Reads {@code source} as a JSON tree. */
    public static JsonNode readTree(Path source) throws IOException {
        return MAPPER.readTree(source.toFile());
    }

    /** Reads {@code source}, whose top level must be a JSON object, as nested maps and lists. */
    public static Map<String, Object> readMap(Path source) throws IOException {
        return MAPPER.readValue(source.toFile(), new TypeReference<Map<String, Object>>() { });
    }
}
