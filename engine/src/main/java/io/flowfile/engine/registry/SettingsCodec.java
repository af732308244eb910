package io.flowfile.engine.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.flowfile.node.InvalidSettingsException;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds settings JSON to settings records and back. Setting names are snake_case ({@code skipRows}
 * is written {@code skip_rows}); enum constants are written in lower case and read in any case, never
 * from a number; a whole number is never read from a fraction, nor true or false from a number;
 * unknown settings are refused, also beside other problems.
 */
public final class SettingsCodec {

    /** A problem with one setting: its path relative to the settings object, and what is wrong. */
    public record SettingProblem(String path, String message) {
    }

    /** The result of binding: either the settings or the problems. */
    public record Binding<S>(S settings, List<SettingProblem> problems) {
        public Binding {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private static final ObjectMapper MAPPER = strictScalars(JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build());

    /** true or false only: a number (1, 0) is not read as a boolean. */
    private static ObjectMapper strictScalars(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    private final ObjectMapper mapper = MAPPER;

    /** The values of an enum setting as flow documents write them (honours {@code @JsonProperty} on constants). */
    public static List<String> enumValues(Class<?> enumType) {
        return java.util.Arrays.stream(enumType.getEnumConstants()).map(constant -> MAPPER.valueToTree(constant).asText()).toList();
    }

    public <S> Binding<S> bind(JsonNode json, Class<S> type) {
        try {
            return new Binding<>(mapper.treeToValue(json, type), List.of());
        } catch (JsonProcessingException e) {
            // Jackson stops at the first fault, and builds a record before it looks at unknown names:
            // name every unknown name, then what binding without them finds
            var problems = new ArrayList<SettingProblem>();
            JsonNode known = json.deepCopy();
            unknownNames(known, mapper.constructType(type), "", problems);
            List<SettingProblem> rest = problems.isEmpty() ? problems(e) : bindProblems(known, type);
            rest.stream().filter(problem -> problems.stream().noneMatch(p -> p.path().equals(problem.path()))).forEach(problems::add);
            return new Binding<>(null, problems);
        } catch (IllegalArgumentException e) {
            return new Binding<>(null, problems(e, ""));
        }
    }

    private List<SettingProblem> bindProblems(JsonNode json, Class<?> type) {
        try {
            mapper.treeToValue(json, type);
            return List.of();
        } catch (JsonProcessingException e) {
            return problems(e);
        } catch (IllegalArgumentException e) {
            return problems(e, "");
        }
    }

    /**
     * Every name in {@code json} (and in the objects and lists of objects below it) that {@code type}
     * has no setting for, each removed from {@code json}.
     */
    private void unknownNames(JsonNode json, JavaType type, String path, List<SettingProblem> problems) {
        if (json == null || !json.isObject() || type.isContainerType() || type.getRawClass().getName().startsWith("java.")
                || type.isEnumType()) {
            return;
        }
        var properties = new java.util.TreeMap<String, JavaType>();
        mapper.getDeserializationConfig().introspect(type).findProperties()
                .forEach(property -> properties.put(property.getName(), property.getPrimaryType()));
        for (var field : List.copyOf(json.properties())) {
            String fieldPath = join(path, field.getKey());
            JavaType propertyType = properties.get(field.getKey());
            if (propertyType == null) {
                problems.add(new SettingProblem(fieldPath, "unknown setting '" + field.getKey() + "'"
                        + (path.isEmpty() ? "" : " in " + path) + "; known settings: " + String.join(", ", properties.keySet())));
                ((ObjectNode) json).remove(field.getKey());
            } else if (propertyType.isCollectionLikeType() && field.getValue().isArray()) {
                for (int i = 0; i < field.getValue().size(); i++) {
                    unknownNames(field.getValue().get(i), propertyType.getContentType(), fieldPath + "[" + i + "]", problems);
                }
            } else {
                unknownNames(field.getValue(), propertyType, fieldPath, problems);
            }
        }
    }

    /** The canonical JSON form of a settings record (defaults filled in, nulls left out). */
    public ObjectNode toJson(Object settings) {
        return mapper.valueToTree(settings);
    }

    /** {@link #toJson} as text, without building the tree. */
    public String toJsonText(Object settings) {
        try {
            return mapper.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write settings " + settings + ": " + e.getMessage(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    private static List<SettingProblem> problems(JsonProcessingException error) {
        String path = error instanceof JsonMappingException mapping ? path(mapping.getPath()) : "";
        if (error instanceof ValueInstantiationException && error.getCause() != null) {
            return problems(error.getCause(), path);
        }
        if (error instanceof UnrecognizedPropertyException unknown) {
            String parent = path(unknown.getPath().subList(0, unknown.getPath().size() - 1));
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return List.of(new SettingProblem(path, "unknown setting '" + unknown.getPropertyName() + "'"
                    + (parent.isEmpty() ? "" : " in " + parent) + "; known settings: " + String.join(", ", known)));
        }
        if (error instanceof InvalidFormatException format) {
            return List.of(new SettingProblem(path, "'" + format.getValue() + "' is not " + describe(format.getTargetType())));
        }
        if (error instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return List.of(new SettingProblem(path, "expected " + describe(mismatch.getTargetType()) + ", got "
                    + given(mismatch.getOriginalMessage())));
        }
        return List.of(new SettingProblem(path, firstLine(error.getOriginalMessage())));
    }

    private static List<SettingProblem> problems(Throwable cause, String prefix) {
        if (cause instanceof InvalidSettingsException invalid) {
            return invalid.problems().stream()
                    .map(problem -> new SettingProblem(join(prefix, problem.path()), problem.message()))
                    .toList();
        }
        return List.of(new SettingProblem(prefix, String.valueOf(cause.getMessage())));
    }

    private static final java.util.regex.Pattern GIVEN = java.util.regex.Pattern.compile("from ([A-Za-z-]+) value");

    /** The kind of value Jackson was given, in words (its message names Java types). */
    private static String given(String message) {
        var matcher = GIVEN.matcher(message == null ? "" : message);
        if (!matcher.find()) {
            return "a value of another kind";
        }
        return switch (matcher.group(1)) {
            case "Object" -> "an object";
            case "Array" -> "a list";
            case "String" -> "text";
            case "Integer" -> "a whole number";
            case "Floating-point" -> "a number";
            case "Boolean" -> "true or false";
            case "Null" -> "null";
            default -> "a value of another kind";
        };
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + String.join(", ", enumValues(type));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object of names and values";
        }
        return "an object";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        var path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    private static String join(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        if (path.isEmpty()) {
            return prefix;
        }
        return path.startsWith("[") ? prefix + path : prefix + "." + path;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
