package io.flowfile.engine.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.node.InvalidSettingsException;
import java.util.List;

/**
 * Binds settings JSON to settings records and back. Setting names are snake_case ({@code skipRows}
 * is written {@code skip_rows}); enum constants are written in lower case and read in any case, never
 * from a number; a whole number is never read from a fraction; unknown settings are refused.
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

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final ObjectMapper mapper = MAPPER;

    /** The values of an enum setting as flow documents write them (honours {@code @JsonProperty} on constants). */
    public static List<String> enumValues(Class<?> enumType) {
        return java.util.Arrays.stream(enumType.getEnumConstants()).map(constant -> MAPPER.valueToTree(constant).asText()).toList();
    }

    public <S> Binding<S> bind(JsonNode json, Class<S> type) {
        try {
            return new Binding<>(mapper.treeToValue(json, type), List.of());
        } catch (JsonProcessingException e) {
            return new Binding<>(null, problems(e));
        } catch (IllegalArgumentException e) {
            return new Binding<>(null, problems(e, ""));
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
            return List.of(new SettingProblem(path, "expected " + describe(mismatch.getTargetType()) + ": "
                    + firstLine(mismatch.getOriginalMessage())));
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
        return "an object (" + type.getSimpleName() + ")";
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
