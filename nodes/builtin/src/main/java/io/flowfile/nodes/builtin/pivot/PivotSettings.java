package io.flowfile.nodes.builtin.pivot;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.ColumnName;
import io.flowfile.node.SettingsCheck;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * @param index       columns kept as rows; one output row per distinct combination
 * @param pivotColumn column whose values name the new columns
 * @param valueColumn column aggregated into the new columns
 * @param aggregation how the values of a cell are combined; default sum
 * @param values      the pivot values that become columns, in that order
 * @param separator   text between values, for concat only; default ","
 */
public record PivotSettings(
        @JsonPropertyDescription("Columns kept as rows: one output row per distinct combination; empty gives "
                + "one row.") @ColumnName List<String> index,
        @JsonProperty("pivot_column")
        @JsonPropertyDescription("Column whose values become the new column names.") @ColumnName String pivotColumn,
        @JsonProperty("value_column")
        @JsonPropertyDescription("Column aggregated into the new columns.") @ColumnName String valueColumn,
        @JsonPropertyDescription("How the values that fall into one cell are combined: sum (default; of integers a "
                + "HUGEINT), min, max, mean, count, first (the first in the input's order) or concat (in the input's "
                + "order).") Aggregation aggregation,
        @JsonPropertyDescription("The pivot column values that become columns, in this order, written as the value "
                + "reads as text (e.g. 2024, 2024-01-31). Listing them keeps the output columns known before a "
                + "run; values not listed are left out.") List<String> values,
        @JsonPropertyDescription("Text put between the values for concat; default \",\". Only used by concat.")
        String separator) {

    public PivotSettings {
        index = index == null ? List.of() : List.copyOf(index);
        aggregation = aggregation == null ? Aggregation.SUM : aggregation;
        values = values == null ? List.of() : List.copyOf(values);
        var check = new SettingsCheck()
                .notBlank("pivot_column", pivotColumn)
                .notBlank("value_column", valueColumn)
                .notEmpty("values", values)
                .require(separator == null || aggregation == Aggregation.CONCAT, "separator", "is only used by concat");
        for (int i = 0; i < index.size(); i++) {
            check.notBlank("index[" + i + "]", index.get(i));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            check.require(value != null && !value.isEmpty(), "values[" + i + "]", "is required");
            check.require(value == null || seen.add(value.toLowerCase(Locale.ROOT)), "values[" + i + "]",
                    "\"" + value + "\" is listed twice (column names ignore case)");
        }
        check.done();
        separator = aggregation == Aggregation.CONCAT && separator == null ? "," : separator;
    }

    public enum Aggregation { SUM, MIN, MAX, MEAN, COUNT, FIRST, CONCAT }
}
