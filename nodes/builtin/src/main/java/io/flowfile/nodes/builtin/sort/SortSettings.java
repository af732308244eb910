package io.flowfile.nodes.builtin.sort;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.ColumnName;
import io.flowfile.node.SettingsCheck;
import java.util.List;

/**
 * @param keys sort keys, most significant first
 */
public record SortSettings(
        @JsonPropertyDescription("Sort keys, most significant first.") List<SortKey> keys) {

    public SortSettings {
        keys = keys == null ? List.of() : List.copyOf(keys);
        new SettingsCheck().notEmpty("keys", keys).done();
    }

    public enum Direction { ASC, DESC }

    public enum Nulls { FIRST, LAST }

    /**
     * @param column    column to sort by
     * @param direction ascending (default) or descending
     * @param nulls     where nulls go; default last
     */
    public record SortKey(
            @JsonPropertyDescription("Column to sort by.") @ColumnName String column,
            @JsonPropertyDescription("asc (default) or desc. NaN sorts as larger than every number; text sorts by "
                    + "character code (Z before a, a before é).") Direction direction,
            @JsonPropertyDescription("Where nulls go: last (default) or first.") Nulls nulls) {

        public SortKey {
            direction = direction == null ? Direction.ASC : direction;
            nulls = nulls == null ? Nulls.LAST : nulls;
            new SettingsCheck().notBlank("column", column).done();
        }
    }
}
