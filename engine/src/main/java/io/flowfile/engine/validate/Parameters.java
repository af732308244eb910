package io.flowfile.engine.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Substitutes {@code ${name}} in every string of a settings tree; {@code $${} writes a literal {@code ${}. */
final class Parameters {

    private static final Pattern REFERENCE = Pattern.compile("\\$(\\$?)\\{([A-Za-z0-9_-]*)}");

    private Parameters() {
    }

    /**
     * @param unknown called with the setting path and the parameter name of each reference to a
     *                parameter that is not defined
     */
    static JsonNode substitute(JsonNode node, Map<String, String> values, String path, BiConsumer<String, String> unknown) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(substitute(node.asText(), values, path, unknown));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            object.properties().forEach(entry -> result.set(entry.getKey(),
                    substitute(entry.getValue(), values, path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), unknown)));
            return result;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < array.size(); i++) {
                result.add(substitute(array.get(i), values, path + "[" + i + "]", unknown));
            }
            return result;
        }
        return node;
    }

    private static String substitute(String text, Map<String, String> values, String path, BiConsumer<String, String> unknown) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        var result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2);
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = "${" + name + "}";
            } else if (values.containsKey(name)) {
                replacement = values.get(name);
            } else {
                unknown.accept(path, name);
                replacement = matcher.group();
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** Names listed for a message. */
    static String list(Map<String, String> values) {
        return values.isEmpty() ? "none are defined" : "defined: " + String.join(", ", List.copyOf(values.keySet()));
    }
}
