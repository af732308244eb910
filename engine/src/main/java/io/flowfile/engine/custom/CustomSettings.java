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

    @JsonValue
    @Override
    public ObjectNode values() {
        return values.deepCopy();
    }
}
