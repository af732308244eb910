package io.flowfile.nodes.builtin.union;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * @param distinct whether to drop duplicate rows; default false (keep every row)
 */
public record UnionSettings(
        @JsonPropertyDescription("Drop duplicate rows from the result; default false keeps every row.") Boolean distinct) {

    public UnionSettings {
        distinct = distinct == null ? Boolean.FALSE : distinct;
    }
}
