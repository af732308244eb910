package io.flowfile.engine.custom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.engine.registry.JsonSchemas;
import io.flowfile.engine.registry.SettingsCodec.SettingProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of a node of a custom type, checked against its form: the JSON Schema the form
 * stands for, and the same checks in Java with messages like the built-ins'.
 */
final class SettingValues {

    private SettingValues() {
    }

    /** What is wrong with {@code value} for {@code component} ("is not a whole number"), or null. */
    static String fault(FormComponent component, JsonNode value) {
        return switch (component.kind()) {
            case TEXT -> value.isTextual() ? null : "must be a text";
            case NUMBER, SLIDER -> numberFault(component, value);
            case TOGGLE -> value.isBoolean() ? null : "must be true or false";
            case SELECT -> value.isTextual() && component.options().contains(value.asText()) ? null
                    : "'" + value.asText() + "' is not one of " + String.join(", ", component.options());
            case MULTI_SELECT -> {
                if (!value.isArray()) {
                    yield "must be a list of " + String.join(", ", component.options());
                }
                for (JsonNode item : value) {
                    if (!item.isTextual() || !component.options().contains(item.asText())) {
                        yield "'" + item.asText() + "' is not one of " + String.join(", ", component.options());
                    }
                }
                yield null;
            }
            case COLUMN -> component.multiple() ? (isTextList(value) ? null : "must be a list of column names")
                    : (value.isTextual() && !value.asText().isEmpty() ? null : "must be a column name");
            case COLUMN_ACTIONS -> {
                if (!value.isArray()) {
                    yield "must be a list of {column, action}";
                }
                for (JsonNode item : value) {
                    if (!item.isObject() || !item.path("column").isTextual() || !item.path("action").isTextual() || item.size() != 2) {
                        yield "must be a list of {column, action}";
                    }
                    if (!component.options().contains(item.get("action").asText())) {
                        yield "action '" + item.get("action").asText() + "' is not one of " + String.join(", ", component.options());
                    }
                }
                yield null;
            }
            case SECRET -> value.isTextual() && NodeTypeDocument.isSecretName(value.asText()) ? null
                    : "must name a secret (letters, digits, '.', '_' and '-')";
        };
    }

    private static String numberFault(FormComponent component, JsonNode value) {
        if (!value.isNumber() || ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.asDouble()))) {
            return "must be " + (component.integer() ? "a whole number" : "a number");
        }
        if (component.integer() && !(value.isIntegralNumber() || value.asDouble() == Math.rint(value.asDouble()))) {
            return "must be a whole number, not " + value.asText();
        }
        if (component.min() != null && value.asDouble() < component.min()) {
            return value.asText() + " is below the least value, " + plain(component.min());
        }
        if (component.max() != null && value.asDouble() > component.max()) {
            return value.asText() + " is above the greatest value, " + plain(component.max());
        }
        return null;
    }

    private static boolean isTextList(JsonNode value) {
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    static String plain(double number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number) : Double.toString(number);
    }

    /** The value of {@code component} in {@code settings}, else its default, else null. */
    static JsonNode value(FormComponent component, JsonNode settings) {
        JsonNode value = settings.get(component.name());
        if (value != null && !value.isNull()) {
            return value;
        }
        if (component.defaultValue() == null && component.kind() == FormComponent.Kind.TOGGLE) {
            return com.fasterxml.jackson.databind.node.BooleanNode.FALSE; // an unticked box
        }
        return component.defaultValue();
    }

    /** Whether {@code component}'s section is shown for {@code settings}. */
    static boolean visible(NodeTypeDocument document, FormComponent component, JsonNode settings) {
        for (FormSection section : document.sections()) {
            if (section.components().contains(component)) {
                if (section.visibleWhen() == null) {
                    return true;
                }
                FormComponent condition = document.components().stream()
                        .filter(other -> other.name().equals(section.visibleWhen().setting())).findFirst().orElseThrow();
                return visible(document, condition, settings) && section.visibleWhen().holds(value(condition, settings));
            }
        }
        return false;
    }

    /** Every problem of {@code settings} for the form (paths relative to the settings object). */
    static List<SettingProblem> check(NodeTypeDocument document, JsonNode settings) {
        var problems = new ArrayList<SettingProblem>();
        if (settings == null || !settings.isObject()) {
            problems.add(new SettingProblem("", "settings must be an object"));
            return problems;
        }
        Set<String> known = new TreeSet<>();
        document.components().forEach(component -> known.add(component.name()));
        settings.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(new SettingProblem(name, "unknown setting '" + name + "'; known settings: " + String.join(", ", known)));
            }
        });
        for (FormComponent component : document.components()) {
            JsonNode value = value(component, settings);
            boolean empty = (value != null && value.isTextual() && value.asText().isEmpty()) || (value != null && value.isArray() && value.isEmpty());
            if (value == null || value.isNull() || (empty && component.required())) {
                if (component.required() && visible(document, component, settings)) {
                    problems.add(new SettingProblem(component.name(), "'" + component.label() + "' needs a value"));
                }
                continue;
            }
            String fault = fault(component, value);
            if (fault != null) {
                problems.add(new SettingProblem(component.name(), fault));
            }
        }
        return problems;
    }

    /** The JSON Schema of the settings (standard keywords plus the column keyword the UI reads). */
    static ObjectNode schema(NodeTypeDocument document) {
        var json = JsonNodeFactory.instance;
        ObjectNode schema = json.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", document.title());
        schema.put("description", document.description());
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = json.arrayNode();
        for (FormSection section : document.sections()) {
            for (FormComponent component : section.components()) {
                ObjectNode property = properties.putObject(component.name());
                property.put("title", component.label());
                if (!component.description().isEmpty()) {
                    property.put("description", component.description());
                }
                describe(component, property);
                if (component.defaultValue() != null) {
                    property.set("default", component.defaultValue());
                }
                if (component.required() && component.defaultValue() == null && section.visibleWhen() == null) {
                    required.add(component.name());
                }
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    private static void describe(FormComponent component, ObjectNode property) {
        switch (component.kind()) {
            case TEXT -> property.put("type", "string");
            case SECRET -> property.put("type", "string").put("pattern", "^[A-Za-z0-9_.-]{1,128}$").put("x-flowfile-secret", true);
            case NUMBER, SLIDER -> {
                property.put("type", component.integer() ? "integer" : "number");
                if (component.min() != null) {
                    property.put("minimum", component.min());
                }
                if (component.max() != null) {
                    property.put("maximum", component.max());
                }
                if (component.step() != null) {
                    property.put("multipleOf", component.step());
                }
            }
            case TOGGLE -> property.put("type", "boolean");
            case SELECT -> {
                property.put("type", "string");
                component.options().forEach(property.putArray("enum")::add);
            }
            case MULTI_SELECT -> {
                property.put("type", "array").put("uniqueItems", true);
                ObjectNode items = property.putObject("items").put("type", "string");
                component.options().forEach(items.putArray("enum")::add);
            }
            case COLUMN -> {
                if (component.multiple()) {
                    property.put("type", "array").putObject("items").put("type", "string");
                } else {
                    property.put("type", "string");
                }
                property.put(JsonSchemas.COLUMN, component.input());
            }
            case COLUMN_ACTIONS -> {
                property.put("type", "array");
                ObjectNode item = property.putObject("items").put("type", "object").put("additionalProperties", false);
                item.putArray("required").add("column").add("action");
                ObjectNode itemProperties = item.putObject("properties");
                itemProperties.putObject("column").put("type", "string").put(JsonSchemas.COLUMN, component.input());
                ObjectNode action = itemProperties.putObject("action").put("type", "string");
                component.options().forEach(action.putArray("enum")::add);
            }
        }
    }

    /** The settings with every default filled in (the form's order), for a script. */
    static ObjectNode effective(NodeTypeDocument document, JsonNode settings) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (FormComponent component : document.components()) {
            JsonNode value = value(component, settings);
            out.set(component.name(), value == null ? JsonNodeFactory.instance.nullNode() : value);
        }
        return out;
    }

    static Map<String, FormComponent> byName(NodeTypeDocument document) {
        var byName = new java.util.LinkedHashMap<String, FormComponent>();
        document.components().forEach(component -> byName.put(component.name(), component));
        return byName;
    }
}
