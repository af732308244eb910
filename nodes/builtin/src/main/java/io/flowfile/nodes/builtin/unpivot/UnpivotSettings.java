package io.flowfile.nodes.builtin.unpivot;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.ColumnName;
import io.flowfile.node.SettingsCheck;
import java.util.List;

/**
 * @param index        columns kept on every output row
 * @param columns      columns turned into rows; empty for every column not in {@code index}
 * @param variableName name of the output column holding the unpivoted column names
 * @param valueName    name of the output column holding their values
 */
public record UnpivotSettings(
        @JsonPropertyDescription("Columns kept on every output row.") @ColumnName List<String> index,
        @JsonPropertyDescription("Columns turned into rows, one row per input row and column; empty (default) takes "
                + "every column not in index. Their types must share a common type.") @ColumnName List<String> columns,
        @JsonProperty("variable_name")
        @JsonPropertyDescription("Name of the output column holding the column names; default variable.")
        String variableName,
        @JsonProperty("value_name")
        @JsonPropertyDescription("Name of the output column holding the values; default value.") String valueName) {

    public UnpivotSettings {
        index = index == null ? List.of() : List.copyOf(index);
        columns = columns == null ? List.of() : List.copyOf(columns);
        variableName = variableName == null ? "variable" : variableName;
        valueName = valueName == null ? "value" : valueName;
        var check = new SettingsCheck()
                .notBlank("variable_name", variableName)
                .notBlank("value_name", valueName)
                .require(!variableName.equalsIgnoreCase(valueName), "value_name", "must differ from variable_name");
        for (int i = 0; i < index.size(); i++) {
            check.notBlank("index[" + i + "]", index.get(i));
        }
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            check.notBlank("columns[" + i + "]", column);
            check.require(column == null || index.stream().noneMatch(column::equalsIgnoreCase), "columns[" + i + "]",
                    "\"" + column + "\" is also an index column");
        }
        check.done();
    }
}
