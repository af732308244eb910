package io.flowfile.nodes.builtin.recordcount;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.SettingsCheck;

/**
 * @param name name of the output column; default {@code count}
 */
public record RecordCountSettings(
        @JsonPropertyDescription("Name of the output column; default count.") String name) {

    public RecordCountSettings {
        name = name == null ? "count" : name;
        new SettingsCheck().notBlank("name", name).done();
    }
}
