package difflab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the main sources of all three modules: it must be acyclic, and every package must sit in
 * one of the layers of {@code docs/ARCHITECTURE.md} and import only from its own layer or the ones below.
 * Dependencies are read from the sources: {@code import} lines and fully qualified names in code (comments and
 * string literals are ignored).
 */
class PackageStructureTest {

    /** Layers from the bottom up; a package may depend on packages of its own layer (acyclically) or lower. */
    static final List<Layer> LAYERS = List.of(
            new Layer("modules below host", "difflab.kernels", "difflab.analysis"),
            new Layer("core", "difflab.core", "difflab.math"),
            new Layer("model", "difflab.schedule", "difflab.grid", "difflab.target", "difflab.sampler",
                    "difflab.fors", "difflab.run", "difflab.reference", "difflab.metrics", "difflab.io"),
            new Layer("interpreters", "difflab.backend", "difflab.exact", "difflab.exact1d"),
            new Layer("composition", "difflab.backend.registry", "difflab.backend.bench", "difflab.experiment", "difflab.cluster",
                    "difflab.cli"));

    record Layer(String name, String... prefixes) {
        /** Length of the longest prefix of this layer that {@code pkg} falls under, or -1. */
        int match(String pkg) {
            int best = -1;
            for (String prefix : prefixes) {
                if (pkg.equals(prefix) || pkg.startsWith(prefix + ".")) {
                    best = Math.max(best, prefix.length());
                }
            }
            return best;
        }
    }

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT =
            Pattern.compile("^import\\s+(?:static\\s+)?(difflab(?:\\.[a-z]\\w*)*)\\.[A-Z]", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\b(difflab(?:\\.[a-z]\\w*)+)\\.[A-Z]");
    private static final Pattern COMMENT_OR_STRING = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])'",
            Pattern.DOTALL);

    @Test
    void packageGraphHasNoCycle() {
        Map<String, Set<String>> graph = packageGraph();
        List<List<String>> cycles = cycles(graph);
        if (!cycles.isEmpty()) {
            StringBuilder message = new StringBuilder("package cycles (break each by moving a type down a layer):");
            for (List<String> cycle : cycles) {
                message.append("\n  ").append(cycle);
            }
            fail(message.toString());
        }
    }

    @Test
    void everyPackageImportsOnlyItsOwnLayerOrBelow() {
        Map<String, Set<String>> graph = packageGraph();
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : graph.entrySet()) {
            int from = layerOf(entry.getKey());
            if (from < 0) {
                violations.add(entry.getKey() + " is in no layer: add it to PackageStructureTest.LAYERS and docs/ARCHITECTURE.md");
                continue;
            }
            for (String target : entry.getValue()) {
                int to = layerOf(target);
                if (to > from) {
                    violations.add(entry.getKey() + " (" + LAYERS.get(from).name() + ") imports " + target + " ("
                            + LAYERS.get(to).name() + ")");
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void cycleFinderReportsACycleAndNothingElse() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a", "d"));
        graph.put("d", Set.of());
        assertEquals(List.of(List.of("a", "b", "c")), cycles(graph));
        graph.put("c", Set.of("d"));
        assertTrue(cycles(graph).isEmpty());
    }

    @Test
    void scannerSeesImportsAndQualifiedNamesButNotComments() {
        String source = "package difflab.x;\nimport difflab.core.Particles;\n"
                + "// difflab.cli.Main in a comment\nclass A { String s = \"difflab.experiment.Cell\";"
                + " Object o = difflab.run.SamplingJob.class; }";
        assertEquals(Set.of("difflab.core", "difflab.run"), dependencies(source));
        assertFalse(dependencies(source).contains("difflab.cli"));
    }

    static int layerOf(String pkg) {
        int layer = -1;
        int longest = -1;
        for (int i = 0; i < LAYERS.size(); i++) {
            int match = LAYERS.get(i).match(pkg);
            if (match > longest) {
                longest = match;
                layer = i;
            }
        }
        return layer;
    }

    static Map<String, Set<String>> packageGraph() {
        Path host = Path.of("").toAbsolutePath();
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path root : List.of(host.resolve("src/main/java"), host.resolveSibling("kernels").resolve("src/main/java"),
                host.resolveSibling("analysis").resolve("src/main/java"))) {
            assertTrue(Files.isDirectory(root), "source root missing: " + root);
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(file -> {
                    String source = read(file);
                    Matcher pkg = PACKAGE.matcher(source);
                    if (!pkg.find()) {
                        return;
                    }
                    Set<String> edges = graph.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
                    for (String dependency : dependencies(source)) {
                        if (!dependency.equals(pkg.group(1))) {
                            edges.add(dependency);
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return graph;
    }

    static Set<String> dependencies(String source) {
        Set<String> result = new TreeSet<>();
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
            result.add(imports.group(1));
        }
        String code = COMMENT_OR_STRING.matcher(source).replaceAll(" ");
        code = code.replaceAll("(?m)^(package|import)\\s[^;]*;", " ");
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            result.add(qualified.group(1));
        }
        return result;
    }

    /** Strongly connected components with more than one package (Tarjan), each sorted, in sorted order. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Tarjan tarjan = new Tarjan(graph);
        for (String node : graph.keySet()) {
            if (!tarjan.index.containsKey(node)) {
                tarjan.visit(node);
            }
        }
        tarjan.components.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return tarjan.components;
    }

    private static final class Tarjan {
        final Map<String, Set<String>> graph;
        final Map<String, Integer> index = new TreeMap<>();
        final Map<String, Integer> low = new TreeMap<>();
        final List<String> stack = new ArrayList<>();
        final List<List<String>> components = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        void visit(String node) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.add(node);
            for (String next : graph.getOrDefault(node, Set.of())) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (stack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                List<String> component = new ArrayList<>();
                String member;
                do {
                    member = stack.remove(stack.size() - 1);
                    component.add(member);
                } while (!member.equals(node));
                if (component.size() > 1) {
                    component.sort(String::compareTo);
                    components.add(component);
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
