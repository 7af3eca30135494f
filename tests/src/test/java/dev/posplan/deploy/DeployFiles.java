package dev.posplan.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The repository's deployment files, found from the working directory and parsed as their tools would. */
final class DeployFiles {

    private DeployFiles() {
    }

    /** The repository root: the first ancestor of the working directory with a Dockerfile beside a pom.xml. */
    static Path root() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("Dockerfile")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("no Dockerfile beside a pom.xml above " + Path.of("").toAbsolutePath());
    }

    static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(relative + " is missing");
        }
        return p;
    }

    /** A one-document YAML file as maps and lists (YAML merge keys resolved, as Compose resolves them). */
    static Map<String, Object> yaml(String relative) throws IOException {
        try (Reader r = Files.newBufferedReader(file(relative))) {
            return new Yaml().load(r);
        }
    }

    /** Every document of a YAML file. */
    static List<Map<String, Object>> yamlDocuments(String relative) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file(relative))) {
            for (Object doc : new Yaml().loadAll(r)) {
                docs.add(map(doc));
            }
        }
        return docs;
    }

    /** The value at {@code path} (map keys, or list indices as numbers) below {@code node}; fails if absent. */
    static Object at(Object node, Object... path) {
        Object n = node;
        StringBuilder where = new StringBuilder();
        for (Object key : path) {
            where.append('/').append(key);
            if (key instanceof Integer i && n instanceof List<?> l && i < l.size()) {
                n = l.get(i);
            } else if (n instanceof Map<?, ?> m && m.containsKey(key)) {
                n = m.get(key);
            } else {
                throw new AssertionError("missing " + where);
            }
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (!(node instanceof Map)) {
            throw new AssertionError("expected a mapping, got " + node);
        }
        return (Map<String, Object>) node;
    }

    static List<?> list(Object node) {
        if (!(node instanceof List<?> l)) {
            throw new AssertionError("expected a list, got " + node);
        }
        return l;
    }
}
