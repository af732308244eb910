package io.flowfile.engine.custom;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The settings of a node of a custom type, as written: its node type checks them against its form
 * when it plans (the settings object of every custom type binds to this one record).
 */
public record CustomSettings(ObjectNode values) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CustomSettings {
        values = Objects.requireNonNull(values, "values is null").deepCopy();
    }

    /** Settings written as a JSON object. */
    public static CustomSettings parse(String json) {
        try {
            if (new com.fasterxml.jackson.databind.ObjectMapper().readTree(json) instanceof ObjectNode object) {
                return new CustomSettings(object);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("settings are not JSON: " + e.getOriginalMessage(), e);
        }
        throw new IllegalArgumentException("settings must be a JSON object: " + json);
    }

    @JsonValue
    @Override
    public ObjectNode values() {
        return values.deepCopy();
    }
}
