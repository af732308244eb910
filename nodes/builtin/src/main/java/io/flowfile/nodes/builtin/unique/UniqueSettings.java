package io.flowfile.nodes.builtin.unique;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.ColumnName;
import io.flowfile.node.SettingsCheck;
import java.util.List;

/**
 * @param columns the columns whose values make a row's key; empty means all columns
 * @param keep    which row of each key to keep
 * @param orderBy for first and last: the columns (ascending, nulls last) that decide which row is
 *                first; rows that tie, or all rows when empty, keep their input order
 */
public record UniqueSettings(
        @JsonPropertyDescription("Columns whose values make a row's key; empty means all columns.") @ColumnName List<String> columns,
        @JsonPropertyDescription("Which row of each key to keep: first (default), last, any (whichever is cheapest) "
                + "or none (drop every key that occurs more than once).") Keep keep,
        @JsonPropertyDescription("For first and last: columns (ascending, nulls last) that decide which row comes first; "
                + "ties and an empty list follow the input order, which is the order DuckDB produces the input rows in.")
        @ColumnName List<String> orderBy) {

    public UniqueSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
        keep = keep == null ? Keep.FIRST : keep;
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        var check = new SettingsCheck();
        for (int i = 0; i < columns.size(); i++) {
            check.notBlank("columns[" + i + "]", columns.get(i));
        }
        for (int i = 0; i < orderBy.size(); i++) {
            check.notBlank("order_by[" + i + "]", orderBy.get(i));
        }
        check.require(orderBy.isEmpty() || keep == Keep.FIRST || keep == Keep.LAST, "order_by",
                "only applies when keep is first or last, not " + keep.name().toLowerCase(java.util.Locale.ROOT));
        check.done();
    }

    public enum Keep { FIRST, LAST, ANY, NONE }
}
