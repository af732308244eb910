package io.flowfile.engine.flow;

import static io.flowfile.engine.EngineErrorCode.MALFORMED_DOCUMENT;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.Problem;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and writes {@link FlowEdit}s as JSON: an array of objects tagged by {@code "op"}.
 *
 * <pre>
 * add_node        {node: {id, type, settings, label?, position?, cache?}}  (as a node in a document)
 * remove_nodes    {nodes: [id, ...]}
 * connect         {from: "a", to: "b.left"}                                (ports as in a document)
 * disconnect      {from, to}
 * update_settings {node: id, settings: {...}}
 * move            {node: id, x: number, y: number}
 * relabel         {node: id, label?: string}                                (absent, null or blank clears)
 * set_cache       {node: id, cache: boolean}
 * set_type_version {node: id, version: n}   (a custom type's version the node is built with)
 * set_parameters  {parameters: {name: value}}
 * rename          {name: string}
 * describe        {description?: string}
 * </pre>
 *
 * Reading reports every malformed edit at once as a {@link FlowException} of {@code
 * MALFORMED_DOCUMENT} problems located at {@code edits[i]} or {@code edits[i].key}; it never
 * lets a Jackson exception through. Whether the edits fit a document is {@link FlowEdits}' job.
 */
public final class FlowEditCodec {

    /** The ops in the order they are listed to users. */
    public static final List<String> OPS = List.of("add_node", "remove_nodes", "connect", "disconnect", "update_settings",
            "move", "relabel", "set_cache", "set_type_version", "set_parameters", "rename", "describe");

    private static final Map<String, Set<String>> KEYS = Map.ofEntries(
            Map.entry("add_node", Set.of("op", "node")),
            Map.entry("remove_nodes", Set.of("op", "nodes")),
            Map.entry("connect", Set.of("op", "from", "to")),
            Map.entry("disconnect", Set.of("op", "from", "to")),
            Map.entry("update_settings", Set.of("op", "node", "settings")),
            Map.entry("move", Set.of("op", "node", "x", "y")),
            Map.entry("relabel", Set.of("op", "node", "label")),
            Map.entry("set_cache", Set.of("op", "node", "cache")),
            Map.entry("set_type_version", Set.of("op", "node", "version")),
            Map.entry("set_parameters", Set.of("op", "parameters")),
            Map.entry("rename", Set.of("op", "name")),
            Map.entry("describe", Set.of("op", "description")));

    private final ObjectMapper json = JsonMapper.builder().build();

    /** Edits from JSON text. */
    public List<FlowEdit> read(String text) {
        requireNonNull(text, "text is null");
        JsonNode tree;
        try (var parser = json.createParser(text)) {
            tree = new TreeReader(parser).read();
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new FlowException(MALFORMED_DOCUMENT, "edits are not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new FlowException(MALFORMED_DOCUMENT, "cannot read the edits: " + e.getMessage());
        }
        return fromTree(tree);
    }

    /** Edits from a JSON array, reporting every malformed edit at once. */
    public List<FlowEdit> fromTree(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new FlowException(List.of(Problem.ofDocument("edits", MALFORMED_DOCUMENT,
                    "edits are a JSON array of objects tagged by 'op' (" + String.join(", ", OPS) + ")")));
        }
        var problems = new ArrayList<Problem>();
        var edits = new ArrayList<FlowEdit>();
        for (int i = 0; i < array.size(); i++) {
            FlowEdit edit = edit(array.get(i), "edits[" + i + "]", problems);
            if (edit != null) {
                edits.add(edit);
            }
        }
        if (!problems.isEmpty()) {
            throw new FlowException(problems);
        }
        return List.copyOf(edits);
    }

    public String write(List<FlowEdit> edits) {
        try {
            return json.writeValueAsString(toTree(edits));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ArrayNode toTree(List<FlowEdit> edits) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        edits.forEach(edit -> array.add(toTree(edit)));
        return array;
    }

    /** One edit as JSON, {@code "op"} first. */
    public ObjectNode toTree(FlowEdit edit) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        switch (edit) {
            case FlowEdit.AddNode add -> out.put("op", "add_node").set("node", FlowCodec.nodeTree(add.node()));
            case FlowEdit.RemoveNodes remove -> remove.nodeIds().forEach(out.put("op", "remove_nodes").putArray("nodes")::add);
            case FlowEdit.Connect connect -> edge(out.put("op", "connect"), connect.edge());
            case FlowEdit.Disconnect disconnect -> edge(out.put("op", "disconnect"), disconnect.edge());
            case FlowEdit.UpdateSettings update -> out.put("op", "update_settings").put("node", update.nodeId())
                    .set("settings", update.settings());
            case FlowEdit.Move move -> out.put("op", "move").put("node", move.nodeId())
                    .put("x", move.position().x()).put("y", move.position().y());
            case FlowEdit.Relabel relabel -> {
                out.put("op", "relabel").put("node", relabel.nodeId());
                if (relabel.label() != null) {
                    out.put("label", relabel.label());
                }
            }
            case FlowEdit.SetCache cache -> out.put("op", "set_cache").put("node", cache.nodeId()).put("cache", cache.cache());
            case FlowEdit.SetTypeVersion set -> out.put("op", "set_type_version").put("node", set.nodeId()).put("version", set.version());
            case FlowEdit.SetParameters set -> set.parameters().forEach(out.put("op", "set_parameters").putObject("parameters")::put);
            case FlowEdit.Rename rename -> out.put("op", "rename").put("name", rename.name());
            case FlowEdit.Describe describe -> out.put("op", "describe").put("description", describe.description());
        }
        return out;
    }

    private static void edge(ObjectNode out, Edge edge) {
        out.put("from", edge.from().toString()).put("to", edge.to().toString());
    }

    private static FlowEdit edit(JsonNode object, String path, List<Problem> problems) {
        if (!object.isObject()) {
            problems.add(Problem.ofDocument(path, MALFORMED_DOCUMENT,
                    "an edit is an object tagged by 'op' (" + String.join(", ", OPS) + "), not " + kind(object)));
            return null;
        }
        JsonNode op = object.get("op");
        if (op == null || op.isNull()) {
            problems.add(Problem.ofDocument(path + ".op", MALFORMED_DOCUMENT, "'op' is required; one of: " + String.join(", ", OPS)));
            return null;
        }
        if (!op.isTextual() || !KEYS.containsKey(op.asText())) {
            problems.add(Problem.ofDocument(path + ".op", MALFORMED_DOCUMENT,
                    "unknown op " + (op.isTextual() ? "'" + op.asText() + "'" : op.toString()) + "; one of: " + String.join(", ", OPS)));
            return null;
        }
        var fields = new Fields(object, path, problems);
        FlowCodec.unknownKeys(object, KEYS.get(op.asText()), path + ".", problems);
        return switch (op.asText()) {
            case "add_node" -> addNode(fields);
            case "remove_nodes" -> fields.ok(fields.textList("nodes"), FlowEdit.RemoveNodes::new);
            case "connect" -> fields.ok(fields.edge(), FlowEdit.Connect::new);
            case "disconnect" -> fields.ok(fields.edge(), FlowEdit.Disconnect::new);
            case "update_settings" -> updateSettings(fields);
            case "move" -> move(fields);
            case "relabel" -> {
                String node = fields.text("node", true);
                String label = fields.text("label", false);
                yield fields.ok(node, id -> new FlowEdit.Relabel(id, label));
            }
            case "set_cache" -> {
                String node = fields.text("node", true);
                Boolean cache = fields.bool("cache");
                yield fields.ok(node, id -> new FlowEdit.SetCache(id, cache));
            }
            case "set_type_version" -> {
                String node = fields.text("node", true);
                Double version = fields.number("version");
                if (version != null && (version != Math.rint(version) || version < 1 || version > Integer.MAX_VALUE)) {
                    fields.wrong("version", "must be a whole number of 1 or more");
                    version = null;
                }
                Integer whole = version == null ? null : version.intValue();
                yield fields.ok(whole == null ? null : node, id -> new FlowEdit.SetTypeVersion(id, whole));
            }
            case "set_parameters" -> fields.ok(fields.parameters(), FlowEdit.SetParameters::new);
            case "rename" -> fields.ok(fields.text("name", true), FlowEdit.Rename::new);
            case "describe" -> {
                String description = fields.text("description", false);
                yield fields.ok(Boolean.TRUE, ignored -> new FlowEdit.Describe(description));
            }
            default -> throw new IllegalStateException("op without a reader: " + op.asText());
        };
    }

    private static FlowEdit addNode(Fields fields) {
        JsonNode node = fields.required("node");
        FlowNode parsed = node == null ? null : FlowCodec.node(node, fields.path + ".node", new HashSet<>(), fields.problems);
        return fields.ok(parsed, FlowEdit.AddNode::new);
    }

    private static FlowEdit updateSettings(Fields fields) {
        String node = fields.text("node", true);
        JsonNode settings = fields.required("settings");
        if (settings != null && !settings.isObject()) {
            fields.wrong("settings", "must be an object, not " + kind(settings));
        }
        return fields.ok(node, id -> new FlowEdit.UpdateSettings(id, (ObjectNode) settings));
    }

    private static FlowEdit move(Fields fields) {
        String node = fields.text("node", true);
        Double x = fields.number("x");
        Double y = fields.number("y");
        return fields.ok(node, id -> new FlowEdit.Move(id, new FlowNode.Position(x, y)));
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The fields of one edit; each getter adds a problem and returns null when its field is wrong. */
    private static final class Fields {

        private final JsonNode object;
        private final String path;
        private final List<Problem> problems;
        private final int before;

        Fields(JsonNode object, String path, List<Problem> problems) {
            this.object = object;
            this.path = path;
            this.problems = problems;
            this.before = problems.size();
        }

        /** The edit built from {@code value} if no field of this edit was wrong, else null. */
        <T> FlowEdit ok(T value, Function<T, FlowEdit> build) {
            return problems.size() == before && value != null ? build.apply(value) : null;
        }

        void wrong(String key, String message) {
            problems.add(Problem.ofDocument(path + "." + key, MALFORMED_DOCUMENT, "'" + key + "' " + message));
        }

        JsonNode required(String key) {
            JsonNode value = object.get(key);
            if (value == null || value.isNull()) {
                wrong(key, "is required");
                return null;
            }
            return value;
        }

        String text(String key, boolean required) {
            JsonNode value = required ? required(key) : object.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                wrong(key, "must be a string, not " + kind(value));
                return null;
            }
            if (required && value.asText().isBlank()) {
                wrong(key, "must not be blank");
                return null;
            }
            return value.asText();
        }

        Double number(String key) {
            JsonNode value = required(key);
            if (value != null && !value.isNumber()) {
                wrong(key, "must be a number, not " + kind(value));
                return null;
            }
            return value == null ? null : value.asDouble();
        }

        Boolean bool(String key) {
            JsonNode value = required(key);
            if (value != null && !value.isBoolean()) {
                wrong(key, "must be true or false, not " + kind(value));
                return null;
            }
            return value == null ? null : value.asBoolean();
        }

        List<String> textList(String key) {
            JsonNode value = required(key);
            if (value == null) {
                return null;
            }
            if (!value.isArray()) {
                wrong(key, "must be a list of node ids, not " + kind(value));
                return null;
            }
            var texts = new ArrayList<String>();
            for (int j = 0; j < value.size(); j++) {
                JsonNode element = value.get(j);
                if (element.isTextual() && !element.asText().isBlank()) {
                    texts.add(element.asText());
                } else {
                    problems.add(Problem.ofDocument(path + "." + key + "[" + j + "]", MALFORMED_DOCUMENT,
                            "a node id is a non-empty string, not " + kind(element)));
                }
            }
            return texts;
        }

        Edge edge() {
            String from = text("from", true);
            String to = text("to", true);
            return from == null || to == null ? null : Edge.of(from, to);
        }

        Map<String, String> parameters() {
            JsonNode value = required("parameters");
            return value == null ? null : new LinkedHashMap<>(FlowCodec.parameters(value, path + ".parameters", problems));
        }
    }
}
