package io.flowfile.engine.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.node.Column;
import io.flowfile.node.Input;
import io.flowfile.node.NodePlan;
import io.flowfile.node.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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

    /** A key of everything an output schema can depend on: node type, settings, input schemas. */
    public static String key(String type, ObjectNode settings, Map<String, List<Input>> inputs) {
        var schemas = new TreeMap<String, List<Schema>>();
        inputs.forEach((port, connected) -> schemas.put(port, connected.stream().map(Input::schema).toList()));
        return keyOfSchemas(type, settings, schemas);
    }

    public static String keyOfSchemas(String type, ObjectNode settings, TreeMap<String, List<Schema>> inputs) {
        String text = type + "\n" + settings + "\n" + inputs;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Declared schemas, completed by remembered ones; outputs known by neither are absent. */
    public Map<String, Schema> outputs(String key, NodePlan.ScriptPlan plan) {
        Map<String, Schema> known = new LinkedHashMap<>(lookup(key));
        known.putAll(plan.declaredSchemas());
        known.keySet().retainAll(plan.outputs());
        return known;
    }

    /** Records what a run of the node really published. */
    public void remember(String key, Map<String, Schema> outputs) {
        remembered.put(key, Map.copyOf(outputs));
        directory.ifPresent(dir -> {
            try {
                Files.createDirectories(dir);
                Map<String, List<List<String>>> json = new TreeMap<>();
                outputs.forEach((port, schema) -> json.put(port,
                        schema.columns().stream().map(column -> List.of(column.name(), column.type())).toList()));
                Path temporary = Files.createTempFile(dir, key, ".tmp");
                JSON.writeValue(temporary.toFile(), json);
                Files.move(temporary, dir.resolve(key + ".json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remember the output schemas under " + dir, e);
            }
        });
    }

    private Map<String, Schema> lookup(String key) {
        Map<String, Schema> known = remembered.get(key);
        if (known != null || directory.isEmpty()) {
            return known == null ? Map.of() : known;
        }
        Path file = directory.get().resolve(key + ".json");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Map<String, Schema> loaded = new LinkedHashMap<>();
            JSON.readTree(file.toFile()).properties().forEach(entry -> {
                var columns = new ArrayList<Column>();
                entry.getValue().forEach(pair -> columns.add(new Column(pair.get(0).asText(), pair.get(1).asText())));
                loaded.put(entry.getKey(), new Schema(columns));
            });
            remembered.put(key, loaded);
            return loaded;
        } catch (IOException e) {
            return Map.of(); // an unreadable memory is no memory: the schema is known after the next run
        }
    }
}
