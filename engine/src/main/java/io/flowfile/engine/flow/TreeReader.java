package io.flowfile.engine.flow;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON or YAML document into a tree, strictly and without recursion: a key given twice
 * in one object is refused, and so is anything after the document (trailing text, a second YAML
 * document). YAML anchors and aliases are resolved ({@code path: *file} is the anchored value, not
 * the text {@code file}), as are merge keys ({@code <<: *defaults}; keys written in the mapping win);
 * what aliases expand to is capped, so an alias bomb fails at once.
 */
final class TreeReader {

    /** Values that aliases may add to a document in all (each alias of a collection adds its size). */
    static final long MAX_ALIAS_VALUES = 1_000_000;
    /** How deep a document may nest, aliases expanded (the parsers refuse deeper text themselves). */
    static final int MAX_DEPTH = 1_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MERGE_KEY = "<<";

    /** An anchored value, with its size (values in it) and height (levels below it). */
    private record Anchored(JsonNode node, long size, int height) {
    }

    /** An object or array being read. */
    private static final class Frame {
        final ContainerNode<?> node;
        final String anchor;
        String key;
        long size = 1;
        int height;
        List<ObjectNode> merges;

        Frame(ContainerNode<?> node, String anchor) {
            this.node = node;
            this.anchor = anchor;
        }
    }

    private final JsonParser parser;
    private final YamlFactory.Parser yaml;
    private final Map<String, Anchored> anchors = new HashMap<>();
    private long aliasBudget = MAX_ALIAS_VALUES;

    TreeReader(JsonParser parser) {
        this.parser = parser;
        this.yaml = parser instanceof YamlFactory.Parser yamlParser ? yamlParser : null;
    }

    /** The document, or null when the text holds none. */
    JsonNode read() throws IOException {
        var stack = new ArrayDeque<Frame>();
        JsonNode root = null;
        while (root == null) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    if (stack.size() >= MAX_DEPTH) {
                        throw refuse("the document nests deeper than " + MAX_DEPTH + " levels");
                    }
                    stack.push(new Frame(token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode(), anchor()));
                }
                case FIELD_NAME -> key(stack.peek(), parser.currentName());
                case END_OBJECT, END_ARRAY -> {
                    Frame done = stack.pop();
                    merge(done);
                    if (done.anchor != null) {
                        anchors.put(done.anchor, new Anchored(done.node, done.size, done.height));
                    }
                    root = add(stack, done.node, done.size, done.height);
                }
                default -> root = scalar(stack);
            }
        }
        if (parser.nextToken() != null) {
            throw refuse("there is more after the document (text after its end, or a second document); a flow file holds one document");
        }
        return root;
    }

    private void key(Frame frame, String key) throws JsonParseException {
        boolean merge = yaml != null && key.equals(MERGE_KEY);
        if (merge ? frame.merges != null : ((ObjectNode) frame.node).has(key)) {
            throw refuse("the key '" + key + "' is given twice in one object");
        }
        if (merge) {
            frame.merges = new ArrayList<>();
        }
        frame.key = key;
    }

    private JsonNode scalar(ArrayDeque<Frame> stack) throws IOException {
        if (yaml != null && yaml.isCurrentAlias()) {
            String name = parser.getText();
            Anchored anchored = anchors.get(name);
            if (anchored == null) {
                throw refuse("the alias '*" + name + "' refers to no anchor; an anchor '&" + name + "' must come before it");
            }
            if (anchored.node().isContainerNode()) {
                aliasBudget -= anchored.size();
                if (aliasBudget < 0) {
                    throw refuse("the document's aliases expand to more than " + MAX_ALIAS_VALUES + " values; use fewer aliases");
                }
                if (stack.size() + anchored.height() >= MAX_DEPTH) {
                    throw refuse("the alias '*" + name + "' nests the document deeper than " + MAX_DEPTH + " levels");
                }
                return add(stack, anchored.node().deepCopy(), anchored.size(), anchored.height());
            }
            return add(stack, anchored.node(), 1, 0);
        }
        JsonNode value = switch (parser.currentToken()) {
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> switch (parser.getNumberType()) {
                case BIG_DECIMAL -> NODES.numberNode(parser.getDecimalValue());
                case FLOAT -> NODES.numberNode(parser.getFloatValue());
                default -> NODES.numberNode(parser.getDoubleValue());
            };
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> parser.getEmbeddedObject() instanceof byte[] bytes ? NODES.binaryNode(bytes)
                    : NODES.pojoNode(parser.getEmbeddedObject());
            default -> throw refuse("unexpected " + parser.currentToken());
        };
        String anchor = anchor();
        if (anchor != null) {
            anchors.put(anchor, new Anchored(value, 1, 0));
        }
        return add(stack, value, 1, 0);
    }

    /** Adds a finished value to the object or array being read; returns it when it is the whole document. */
    private JsonNode add(ArrayDeque<Frame> stack, JsonNode value, long size, int height) throws JsonParseException {
        Frame parent = stack.peek();
        if (parent == null) {
            return value;
        }
        parent.size += size;
        parent.height = Math.max(parent.height, height + 1);
        if (parent.node instanceof ArrayNode array) {
            array.add(value);
        } else if (parent.merges != null && parent.key.equals(MERGE_KEY)) {
            mergeSources(parent, value);
            parent.key = null;
        } else {
            ((ObjectNode) parent.node).set(parent.key, value);
        }
        return null;
    }

    private void mergeSources(Frame frame, JsonNode value) throws JsonParseException {
        for (JsonNode source : value.isArray() ? value : List.of(value)) {
            if (!(source instanceof ObjectNode object)) {
                throw refuse("a merge key '<<' takes a mapping or a list of mappings (usually an alias such as *defaults)");
            }
            frame.merges.add(object);
        }
    }

    /** Keys of merged mappings that the mapping does not write itself; the first mapping merged wins. */
    private static void merge(Frame frame) {
        if (frame.merges == null) {
            return;
        }
        ObjectNode object = (ObjectNode) frame.node;
        for (ObjectNode source : frame.merges) {
            source.properties().forEach(entry -> {
                if (!object.has(entry.getKey())) {
                    object.set(entry.getKey(), entry.getValue());
                }
            });
        }
    }

    private String anchor() {
        return yaml == null ? null : yaml.valueAnchor();
    }

    private JsonParseException refuse(String message) {
        return new JsonParseException(parser, message);
    }
}
