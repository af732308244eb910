package io.flowfile.engine.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.node.SqlText;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes {@code ${name}} in every string of a settings tree; {@code $${} writes a literal {@code ${}.
 * In a setting that is SQL text the value is quoted by where it stands ({@link SqlParameters}).
 */
final class Parameters {

    /** What substitution found wrong, by setting path. */
    interface Problems {
        /** A reference to a parameter that is not defined. */
        void unknown(String path, String name);

        /** A value that cannot stand where its reference does. */
        void refused(String path, String message);
    }

    private static final Pattern REFERENCE = Pattern.compile("\\$(\\$?)\\{([A-Za-z0-9_-]*)}");

    private Parameters() {
    }

    /**
     * @param settings    a node's settings
     * @param sqlSettings the top-level settings that are SQL text, by name
     */
    static JsonNode substitute(JsonNode settings, Map<String, String> values, Map<String, SqlText.Kind> sqlSettings,
                               Problems problems) {
        if (!(settings instanceof ObjectNode object) || sqlSettings.isEmpty()) {
            return substitute(settings, values, "", problems::unknown);
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        object.properties().forEach(entry -> {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (sqlSettings.containsKey(name) && value.isTextual()) {
                result.put(name, SqlParameters.substitute(value.asText(), values, new SqlParameters.Problems() {
                    @Override
                    public void unknown(String parameter) {
                        problems.unknown(name, parameter);
                    }

                    @Override
                    public void refused(String message) {
                        problems.refused(name, message);
                    }
                }));
            } else {
                result.set(name, substitute(value, values, name, problems::unknown));
            }
        });
        return result;
    }

    private static JsonNode substitute(JsonNode node, Map<String, String> values, String path, BiConsumer<String, String> unknown) {
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
