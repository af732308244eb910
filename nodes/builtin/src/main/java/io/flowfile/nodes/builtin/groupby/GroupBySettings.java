package io.flowfile.nodes.builtin.groupby;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.ColumnName;
import io.flowfile.node.SettingsCheck;
import java.util.List;
import java.util.Locale;

/**
 * @param groupBy      columns whose distinct value combinations make the groups; empty for one
 *                     group of every row
 * @param aggregations values computed per group
 */
public record GroupBySettings(
        @JsonProperty("group_by")
        @JsonPropertyDescription("Columns whose distinct combinations form the groups; empty gives one row "
                + "computed over all rows.") @ColumnName List<String> groupBy,
        @JsonPropertyDescription("Values computed per group, each becoming a column.") List<Aggregation> aggregations) {

    public GroupBySettings {
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        aggregations = aggregations == null ? List.of() : List.copyOf(aggregations);
        var check = new SettingsCheck()
                .require(!groupBy.isEmpty() || !aggregations.isEmpty(), "aggregations",
                        "needs at least one entry when there are no group_by columns");
        for (int i = 0; i < groupBy.size(); i++) {
            check.notBlank("group_by[" + i + "]", groupBy.get(i));
        }
        check.done();
    }

    public enum Function { SUM, MIN, MAX, MEAN, MEDIAN, COUNT, COUNT_DISTINCT, FIRST, LAST, STD, VAR, CONCAT }

    /**
     * @param column    the column aggregated
     * @param function  what is computed
     * @param alias     output column name; default {@code <column>_<function>}
     * @param separator text between values, for concat only; default ","
     */
    public record Aggregation(
            @JsonPropertyDescription("The column aggregated.") @ColumnName String column,
            @JsonPropertyDescription("sum (of integers: HUGEINT), min, max, mean (DOUBLE), median "
                    + "(exact: of an integer or DECIMAL(p,s) column a DECIMAL(p+1,s+1), integers counting as DECIMAL(digits,0); "
                    + "of FLOAT or DOUBLE a DOUBLE), count (non-null values), count_distinct, first, last (the first and last "
                    + "row of the group in the input's order, nulls included), std, var (sample), or concat (values joined "
                    + "as text in the input's order).")
            Function function,
            @JsonPropertyDescription("Name of the output column; default <column>_<function>.") String alias,
            @JsonPropertyDescription("Text put between the values for concat; default \",\". Only used by concat.")
            String separator) {

        public Aggregation {
            var check = new SettingsCheck().notBlank("column", column);
            check.require(function != null, "function", "is required");
            check.require(separator == null || function == Function.CONCAT, "separator", "is only used by concat");
            check.done();
            alias = alias == null || alias.isBlank() ? column + "_" + function.name().toLowerCase(Locale.ROOT) : alias;
            separator = function == Function.CONCAT && separator == null ? "," : separator;
        }
    }
}
