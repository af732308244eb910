package io.flowfile.nodes.builtin.recordid;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.ColumnName;
import io.flowfile.node.SettingsCheck;
import java.util.List;

/**
 * @param column  name of the new BIGINT column, added in front
 * @param offset  the number of the first row (of each group)
 * @param groupBy columns whose values make a group; numbering restarts in each group
 * @param orderBy columns (ascending, nulls last) that decide the numbering order; rows that tie, or
 *                all rows when empty, are numbered in input order
 */
public record RecordIdSettings(
        @JsonPropertyDescription("Name of the new column holding the number (default record_id); it is added in front.")
        String column,
        @JsonPropertyDescription("Number of the first row, or of the first row of each group (default 1, 0 or more).")
        Long offset,
        @JsonPropertyDescription("Columns whose values make a group; numbering restarts in each group. Empty numbers all rows.")
        @ColumnName List<String> groupBy,
        @JsonPropertyDescription("Columns (ascending, nulls last) that decide the numbering order; ties and an empty list "
                + "follow the input order, which is the order DuckDB produces the input rows in.")
        @ColumnName List<String> orderBy) {

    public static final String DEFAULT_COLUMN = "record_id";

    public RecordIdSettings {
        column = column == null ? DEFAULT_COLUMN : column;
        offset = offset == null ? 1L : offset;
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        var check = new SettingsCheck()
                .notBlank("column", column)
                .require(offset >= 0, "offset", "must be 0 or more, got " + offset);
        for (int i = 0; i < groupBy.size(); i++) {
            check.notBlank("group_by[" + i + "]", groupBy.get(i));
        }
        for (int i = 0; i < orderBy.size(); i++) {
            check.notBlank("order_by[" + i + "]", orderBy.get(i));
        }
        check.done();
    }
}
