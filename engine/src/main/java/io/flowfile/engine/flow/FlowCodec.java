package io.flowfile.engine.flow;

import static io.flowfile.engine.EngineErrorCode.DUPLICATE_NODE_ID;
import static io.flowfile.engine.EngineErrorCode.MALFORMED_DOCUMENT;
import static io.flowfile.engine.EngineErrorCode.UNSUPPORTED_FORMAT_VERSION;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.Problem;
import io.flowfile.node.TextEncoding;
import org.yaml.snakeyaml.LoaderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes flow documents as JSON or YAML. Reading reports every problem of the document at
 * once; writing is stable: the same document always gives the same bytes.
 */
public final class FlowCodec {

    private static final Set<String> DOCUMENT_KEYS = Set.of("flowfile", "name", "description", "parameters", "nodes", "edges");
    private static final Set<String> NODE_KEYS = Set.of("id", "type", "type_version", "label", "position", "cache", "settings");
    private static final Set<String> EDGE_KEYS = Set.of("from", "to");
    /** The largest flow document read, in characters. */
    public static final int MAX_DOCUMENT_CHARACTERS = 64 * 1024 * 1024;

    /**
     * The largest flow file read: reading a document takes several hundred bytes of memory per byte
     * (a 50 MB manual_input table grew past 20 GB), and flows keep large tables in data files.
     */
    public static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;

    private final ObjectMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private final ObjectMapper yaml = YAMLMapper.builder(new YamlFactory(YAMLFactory.builder()
                    .loaderOptions(loaderOptions())
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)))
            .build();

    /**
     * What the YAML parser accepts: documents up to 64 MB (SnakeYAML's default is 3 MB). Aliases are
     * resolved, and their expansion capped, by {@link TreeReader}, since Jackson's parser hands them
     * over unresolved.
     */
    private static LoaderOptions loaderOptions() {
        var options = new LoaderOptions();
        options.setCodePointLimit(MAX_DOCUMENT_CHARACTERS);
        options.setAllowDuplicateKeys(false);
        return options;
    }

    public FlowDocument read(Path path) {
        return read(path, readBytes(path));
    }

    /** The flow document of {@code bytes}, read from {@code path} before (its name gives the format and the messages). */
    public FlowDocument read(Path path, byte[] bytes) {
        return read(text(path, bytes), FlowFormat.of(path));
    }

    /** A flow file's text (see {@link #readBytes} and {@link #text}). */
    public static String readText(Path path) {
        return text(path, readBytes(path));
    }

    /**
     * A flow file's bytes, read once: refused, saying why, when it is missing, a directory or larger
     * than {@link #MAX_DOCUMENT_BYTES}.
     */
    public static byte[] readBytes(Path path) {
        try {
            if (Files.isDirectory(path)) {
                throw new FlowException(MALFORMED_DOCUMENT, "flow file " + path + " is a directory, not a file");
            }
            long size = Files.size(path);
            if (size > MAX_DOCUMENT_BYTES) {
                throw new FlowException(MALFORMED_DOCUMENT, String.format(java.util.Locale.ROOT,
                        "flow file %s is %.1f MB, more than the %d MB a flow document may have: keep large tables in data "
                                + "files (read_csv, read_parquet) rather than in manual_input", path, size / 1048576.0,
                        MAX_DOCUMENT_BYTES >> 20));
            }
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length > MAX_DOCUMENT_BYTES) { // grew since it was measured
                throw new FlowException(MALFORMED_DOCUMENT, "flow file " + path + " grew past " + (MAX_DOCUMENT_BYTES >> 20)
                        + " MB while it was read");
            }
            return bytes;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new FlowException(MALFORMED_DOCUMENT, "flow file not found: " + path);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new FlowException(MALFORMED_DOCUMENT, "flow file " + path + " cannot be read: permission denied");
        } catch (IOException e) {
            throw new FlowException(MALFORMED_DOCUMENT, "cannot read flow file " + path + ": " + e.getMessage());
        }
    }

    /** The text of a flow file's bytes: refused, saying why, when empty or not UTF-8 text (compressed, binary, UTF-16, Latin-1). */
    public static String text(Path path, byte[] bytes) {
        String problem = TextEncoding.problem(bytes, bytes.length);
        if (problem != null) {
            throw new FlowException(MALFORMED_DOCUMENT, "flow file " + path + " " + problem + "; a flow file is UTF-8 text");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (text.isBlank()) {
            throw new FlowException(MALFORMED_DOCUMENT, "flow file " + path + " is empty");
        }
        return text;
    }

    public FlowDocument read(String text, FlowFormat format) {
        return fromTree(readTree(text, format));
    }

    /**
     * The JSON tree of a JSON or YAML text, with the limits of flow documents (size, aliases,
     * duplicate keys); also used for other documents kept in the same forms (node types).
     */
    public JsonNode readTree(String text, FlowFormat format) {
        if (text.isBlank()) {
            throw new FlowException(MALFORMED_DOCUMENT, "the " + format + " document is empty");
        }
        try (JsonParser parser = mapper(format).createParser(text)) {
            return new TreeReader(parser).read();
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new FlowException(MALFORMED_DOCUMENT, "not valid " + format + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new FlowException(MALFORMED_DOCUMENT, "cannot read the " + format + " document: " + e.getMessage());
        }
    }

    public String write(FlowDocument document, FlowFormat format) {
        return writeTree(toTree(document), format);
    }

    /** A tree as JSON or YAML text the way flow documents are written (ends with a line break). */
    public String writeTree(JsonNode tree, FlowFormat format) {
        try {
            String text = mapper(format).writeValueAsString(tree);
            return text.endsWith("\n") ? text : text + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(FlowDocument document, Path path) {
        try {
            Files.writeString(path, write(document, FlowFormat.of(path)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectMapper mapper(FlowFormat format) {
        return switch (format) {
            case JSON -> json;
            case YAML -> yaml;
        };
    }

    /** The document as a JSON tree in its stable key order. */
    public ObjectNode toTree(FlowDocument document) {
        var factory = JsonNodeFactory.instance;
        ObjectNode root = factory.objectNode();
        root.put("flowfile", document.formatVersion());
        root.put("name", document.name());
        if (!document.description().isEmpty()) {
            root.put("description", document.description());
        }
        if (!document.parameters().isEmpty()) {
            ObjectNode parameters = root.putObject("parameters");
            document.parameters().forEach(parameters::put);
        }
        ArrayNode nodes = root.putArray("nodes");
        for (FlowNode node : document.nodes()) {
            nodes.add(nodeTree(node));
        }
        ArrayNode edges = root.putArray("edges");
        for (Edge edge : document.edges()) {
            edges.addObject().put("from", edge.from().toString()).put("to", edge.to().toString());
        }
        return root;
    }

    /** One node as written in a document (also the form of a node in an {@code add_node} edit). */
    static ObjectNode nodeTree(FlowNode node) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", node.id());
        out.put("type", node.type());
        if (node.typeVersion() != null) {
            out.put("type_version", node.typeVersion());
        }
        if (node.label() != null) {
            out.put("label", node.label());
        }
        if (node.position() != null) {
            ObjectNode position = out.putObject("position");
            position.put("x", node.position().x());
            position.put("y", node.position().y());
        }
        if (node.cache()) {
            out.put("cache", true);
        }
        out.set("settings", node.settings());
        return out;
    }

    /** Builds a document from a JSON tree, reporting every problem at once. */
    public FlowDocument fromTree(JsonNode root) {
        var problems = new ArrayList<Problem>();
        if (root == null || !root.isObject()) {
            throw new FlowException(MALFORMED_DOCUMENT, "a flow document is an object with 'flowfile', 'name', 'nodes' and 'edges'");
        }
        unknownKeys(root, DOCUMENT_KEYS, "", problems);
        JsonNode version = root.get("flowfile");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
            problems.add(Problem.ofDocument("flowfile", MALFORMED_DOCUMENT,
                    "the format version 'flowfile' is required and must be a whole number (current: " + FlowDocument.FORMAT_VERSION + ")"));
        } else if (version.asInt() != FlowDocument.FORMAT_VERSION) {
            problems.add(Problem.ofDocument("flowfile", UNSUPPORTED_FORMAT_VERSION,
                    "format version " + version.asInt() + " is not supported; this engine reads version " + FlowDocument.FORMAT_VERSION));
        }
        String name = text(root, "name", "name", problems, true);
        String description = text(root, "description", "description", problems, false);
        Map<String, String> parameters = parameters(root.get("parameters"), "parameters", problems);
        List<FlowNode> nodes = nodes(root.get("nodes"), problems);
        List<Edge> edges = edges(root.get("edges"), problems);
        if (!problems.isEmpty()) {
            throw new FlowException(problems);
        }
        return new FlowDocument(FlowDocument.FORMAT_VERSION, name, description, parameters, nodes, edges);
    }

    /** Parameter defaults as written at {@code path}; problems are added, never thrown. */
    static Map<String, String> parameters(JsonNode node, String path, List<Problem> problems) {
        var parameters = new LinkedHashMap<String, String>();
        if (node == null || node.isNull()) {
            return parameters;
        }
        if (!node.isObject()) {
            problems.add(Problem.ofDocument(path, MALFORMED_DOCUMENT, "must be an object of name: default value"));
            return parameters;
        }
        node.properties().forEach(entry -> {
            if (!FlowNode.ID.matcher(entry.getKey()).matches()) {
                problems.add(Problem.ofDocument(path + "." + entry.getKey(), MALFORMED_DOCUMENT,
                        "a parameter name has only letters, digits, '-' and '_'"));
            } else if (entry.getValue().isContainerNode()) {
                problems.add(Problem.ofDocument(path + "." + entry.getKey(), MALFORMED_DOCUMENT,
                        "a parameter's default is a single value, not an object or a list"));
            } else {
                parameters.put(entry.getKey(), entry.getValue().isNull() ? "" : entry.getValue().asText());
            }
        });
        return parameters;
    }

    private static List<FlowNode> nodes(JsonNode array, List<Problem> problems) {
        var nodes = new ArrayList<FlowNode>();
        if (array == null || !array.isArray()) {
            problems.add(Problem.ofDocument("nodes", MALFORMED_DOCUMENT, "'nodes' is required and must be a list"));
            return nodes;
        }
        var ids = new HashSet<String>();
        for (int i = 0; i < array.size(); i++) {
            FlowNode node = node(array.get(i), "nodes[" + i + "]", ids, problems);
            if (node != null) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    /**
     * One node as written in a document at {@code path}, or null (with problems added) if it is
     * malformed. {@code ids} holds the ids seen so far; a valid id is added to it and refused if
     * already there.
     */
    static FlowNode node(JsonNode node, String path, Set<String> ids, List<Problem> problems) {
        if (!node.isObject()) {
            problems.add(Problem.ofDocument(path, MALFORMED_DOCUMENT, "a node is an object with 'id', 'type' and 'settings'"));
            return null;
        }
        int before = problems.size();
        unknownKeys(node, NODE_KEYS, path + ".", problems);
        String id = text(node, "id", path + ".id", problems, true);
        String type = text(node, "type", path + ".type", problems, true);
        String label = text(node, "label", path + ".label", problems, false);
        if (id != null && !FlowNode.ID.matcher(id).matches()) {
            problems.add(Problem.ofDocument(path + ".id", MALFORMED_DOCUMENT,
                    "node id '" + id + "' may hold only letters, digits, '-' and '_'"));
        } else if (id != null && !ids.add(id)) {
            problems.add(new Problem(id, path + ".id", DUPLICATE_NODE_ID, "node id '" + id + "' is used by more than one node"));
        }
        JsonNode settings = node.get("settings");
        if (settings != null && !settings.isObject() && !settings.isNull()) {
            problems.add(Problem.ofDocument(path + ".settings", MALFORMED_DOCUMENT, "settings must be an object"));
        }
        FlowNode.Position position = position(node.get("position"), path, problems);
        JsonNode cache = node.get("cache");
        if (cache != null && !cache.isBoolean()) {
            problems.add(Problem.ofDocument(path + ".cache", MALFORMED_DOCUMENT, "cache must be true or false"));
        }
        JsonNode typeVersion = node.get("type_version");
        if (typeVersion != null && !(typeVersion.isIntegralNumber() && typeVersion.canConvertToInt() && typeVersion.asInt() >= 1)) {
            problems.add(Problem.ofDocument(path + ".type_version", MALFORMED_DOCUMENT,
                    "type_version is the version of the node's custom type: a whole number of 1 or more"));
        }
        if (problems.size() != before) {
            return null;
        }
        ObjectNode settingsObject = settings instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
        return new FlowNode(id, type, settingsObject, position, label, cache != null && cache.asBoolean(),
                typeVersion == null ? null : typeVersion.asInt());
    }

    private static FlowNode.Position position(JsonNode node, String path, List<Problem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject() || !node.path("x").isNumber() || !node.path("y").isNumber()) {
            problems.add(Problem.ofDocument(path + ".position", MALFORMED_DOCUMENT, "position is {x: number, y: number}"));
            return null;
        }
        return new FlowNode.Position(node.get("x").asDouble(), node.get("y").asDouble());
    }

    private static List<Edge> edges(JsonNode array, List<Problem> problems) {
        var edges = new ArrayList<Edge>();
        if (array == null || array.isNull()) {
            return edges;
        }
        if (!array.isArray()) {
            problems.add(Problem.ofDocument("edges", MALFORMED_DOCUMENT, "'edges' must be a list"));
            return edges;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode edge = array.get(i);
            String path = "edges[" + i + "]";
            if (!edge.isObject()) {
                problems.add(Problem.ofDocument(path, MALFORMED_DOCUMENT, "an edge is {from: node[.port], to: node[.port]}"));
                continue;
            }
            int before = problems.size();
            unknownKeys(edge, EDGE_KEYS, path + ".", problems);
            String from = text(edge, "from", path + ".from", problems, true);
            String to = text(edge, "to", path + ".to", problems, true);
            if (problems.size() == before) {
                edges.add(Edge.of(from, to));
            }
        }
        return edges;
    }

    private static String text(JsonNode parent, String key, String path, List<Problem> problems, boolean required) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(Problem.ofDocument(path, MALFORMED_DOCUMENT, "'" + key + "' is required"));
            }
            return null;
        }
        if (!value.isTextual() || (required && value.asText().isBlank())) {
            problems.add(Problem.ofDocument(path, MALFORMED_DOCUMENT, "'" + key + "' must be a non-empty string"));
            return null;
        }
        return value.asText();
    }

    static void unknownKeys(JsonNode object, Set<String> known, String prefix, List<Problem> problems) {
        object.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                problems.add(Problem.ofDocument(prefix + key, MALFORMED_DOCUMENT,
                        "unknown key '" + key + "'; allowed: " + String.join(", ", known.stream().sorted().toList())));
            }
        });
    }
}
