package io.flowfile.engine.validate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowfile.engine.cache.JsonFiles;
import io.flowfile.engine.plan.CacheKeys;
import io.flowfile.node.NodePlan;
import io.flowfile.node.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The output schemas of code nodes (Python Script): declared in the settings, or remembered from
 * the node's last successful run with the same settings and input schemas. An output that is
 * neither is unknown until the node has run.
 */
public final class ScriptSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Schema>> SCHEMAS = new TypeReference<>() {};

    private final Optional<Path> directory;
    private final Map<String, Map<String, Schema>> remembered = new ConcurrentHashMap<>();

    private ScriptSchemas(Optional<Path> directory) {
        this.directory = directory;
    }

    public static ScriptSchemas inMemory() {
        return new ScriptSchemas(Optional.empty());
    }

    /** Remembered across processes, one small JSON file per key under {@code directory}. */
    public static ScriptSchemas onDisk(Path directory) {
        return new ScriptSchemas(Optional.of(directory));
    }

    /**
     * The key of everything an output schema can depend on: node type, settings, and the schema of
     * each input, per port. The validator and the run both compute it through here.
     */
    static String key(String type, String settings, Map<String, List<Schema>> inputs) {
        return CacheKeys.sha256(type + "\n" + settings + "\n" + new TreeMap<>(inputs));
    }

    /** {@link #key} of a planned node, from its inputs' planned schemas. */
    public static String key(PlannedNode node, Map<String, PlannedNode> nodes) {
        var inputs = new LinkedHashMap<String, List<Schema>>();
        node.inputs().forEach((port, relations) -> inputs.put(port, relations.stream()
                .map(relation -> nodes.get(relation.node()).outputs().get(relation.port())).toList()));
        return key(node.type().descriptor().type(), node.canonicalSettings(), inputs);
    }

    /** Declared schemas, completed by remembered ones; outputs known by neither are absent. */
    Map<String, Schema> outputs(String key, NodePlan.ScriptPlan plan) {
        Map<String, Schema> known = new LinkedHashMap<>(lookup(key));
        known.putAll(plan.declaredSchemas());
        known.keySet().retainAll(plan.outputs());
        return known;
    }

    /** Records what a run of the node really published. */
    public void remember(String key, Map<String, Schema> outputs) {
        remembered.put(key, Map.copyOf(outputs));
        if (directory.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(directory.get());
            JsonFiles.writeAtomically(JSON, outputs, directory.get().resolve(key + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remember the output schemas under " + directory.get(), e);
        }
    }

    private Map<String, Schema> lookup(String key) {
        return remembered.computeIfAbsent(key, k -> directory.map(dir -> dir.resolve(k + ".json"))
                .filter(Files::isRegularFile)
                .map(ScriptSchemas::read)
                .orElse(Map.of()));
    }

    private static Map<String, Schema> read(Path file) {
        try {
            return JSON.readValue(file.toFile(), SCHEMAS);
        } catch (IOException e) {
            return Map.of(); // an unreadable memory is no memory: the schema is known after the next run
        }
    }
}
