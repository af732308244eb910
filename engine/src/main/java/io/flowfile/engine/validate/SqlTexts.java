package io.flowfile.engine.validate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.flowfile.engine.Problem;
import io.flowfile.engine.duckdb.SqlShape;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.SqlText;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a node type that its SQL holds as written ({@link SqlText}), and their check: each
 * must be exactly one expression or one query ({@link SqlShape}) before the node plans, so no text
 * of a user's ends the statement it stands in.
 */
final class SqlTexts {

    private record Setting(String name, SqlText.Kind kind, RecordComponent component) {
    }

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private static final ClassValue<List<Setting>> SETTINGS = new ClassValue<>() {
        @Override
        protected List<Setting> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return List.of();
            }
            var settings = new ArrayList<Setting>();
            for (RecordComponent component : type.getRecordComponents()) {
                SqlText text = component.getAnnotation(SqlText.class);
                if (text != null && component.getType() == String.class) {
                    JsonProperty property = component.getAnnotation(JsonProperty.class);
                    String name = property != null && !property.value().isEmpty() ? property.value()
                            : SNAKE_CASE.translate(component.getName());
                    settings.add(new Setting(name, text.value(), component));
                }
            }
            return List.copyOf(settings);
        }
    };

    private SqlTexts() {
    }

    /** The settings of {@code settingsType} that are SQL text, by their name in a document. */
    static Map<String, SqlText.Kind> of(Class<?> settingsType) {
        var kinds = new LinkedHashMap<String, SqlText.Kind>();
        SETTINGS.get(settingsType).forEach(setting -> kinds.put(setting.name(), setting.kind()));
        return kinds;
    }

    /** Adds a problem for each SQL text setting of {@code settings} that is not one expression or query. */
    static void check(String nodeId, Record settings, SqlShape shape, List<Problem> problems) {
        for (Setting setting : SETTINGS.get(settings.getClass())) {
            String text = value(settings, setting.component());
            if (text == null || text.isBlank()) {
                continue;
            }
            Optional<String> problem = switch (setting.kind()) {
                case EXPRESSION -> shape.expressionProblem(text);
                case QUERY -> shape.queryProblem(text);
            };
            problem.ifPresent(message -> problems.add(new Problem(nodeId, "settings." + setting.name(),
                    NodeErrorCode.INVALID_EXPRESSION, setting.name() + " " + message)));
        }
    }

    private static String value(Record settings, RecordComponent component) {
        try {
            var accessor = component.getAccessor();
            accessor.trySetAccessible();
            return (String) accessor.invoke(settings);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read setting " + component.getName() + " of " + settings.getClass(), e);
        }
    }
}
