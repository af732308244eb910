package io.flowfile.nodes.builtin.filter;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.ColumnName;
import io.flowfile.node.SettingsCheck;
import io.flowfile.node.SqlText;
import java.util.List;

/**
 * @param mode       basic (a column, an operator and values) or advanced (an SQL expression)
 * @param basic      the condition in basic mode
 * @param expression the condition in advanced mode: a DuckDB SQL boolean expression over the input's
 *                   columns, used as written
 */
public record FilterSettings(
        @JsonPropertyDescription("basic (default): a column, an operator and values; advanced: an SQL expression.") Mode mode,
        @JsonPropertyDescription("The condition in basic mode.") BasicFilter basic,
        @JsonPropertyDescription("The condition in advanced mode: a DuckDB SQL boolean expression over the input's columns, "
                + "used as written (raw SQL), e.g. age >= 18 AND city <> 'oslo'.") @SqlText(SqlText.Kind.EXPRESSION) String expression) {

    public FilterSettings {
        mode = mode == null ? Mode.BASIC : mode;
        var check = new SettingsCheck();
        switch (mode) {
            case BASIC -> check.require(basic != null, "basic", "is required in basic mode");
            case ADVANCED -> check.notBlank("expression", expression);
        }
        check.done();
    }

    public enum Mode { BASIC, ADVANCED }

    /** Comparison operators; values are given as text and compared exactly with the column (see {@code Comparison}). */
    public enum Operator {
        EQUALS, NOT_EQUALS, GREATER_THAN, GREATER_OR_EQUAL, LESS_THAN, LESS_OR_EQUAL,
        CONTAINS, STARTS_WITH, ENDS_WITH, IS_NULL, IS_NOT_NULL, IN, BETWEEN;

        boolean needsValue() {
            return this != IS_NULL && this != IS_NOT_NULL && this != IN;
        }
    }

    /**
     * @param column   the column to test
     * @param operator how to compare
     * @param value    the value to compare with, as text; compared exactly with the column: never
     *                 rounded to the column's type (for contains, starts_with and ends_with the column
     *                 is read as text instead)
     * @param value2   the upper bound of between (inclusive)
     * @param values   the values of in
     */
    public record BasicFilter(
            @JsonPropertyDescription("Column to test.") @ColumnName String column,
            @JsonPropertyDescription("equals, not_equals, greater_than, greater_or_equal, less_than, less_or_equal, "
                    + "contains, starts_with, ends_with, is_null, is_not_null, in or between.") Operator operator,
            @JsonPropertyDescription("Value to compare with, as text. Numbers compare exactly: a value is never rounded "
                    + "to the column's type (greater_than 2.5 on an integer column keeps 3 and more; equals 900.005 on a "
                    + "DECIMAL(12,2) column keeps nothing), and a value that is not a number is refused. A FLOAT or DOUBLE "
                    + "column compares with the nearest FLOAT or DOUBLE (NaN is larger than every number and equals NaN); a DATE column with a value that has a time of day "
                    + "compares as TIMESTAMP; other types convert the value to the column's type. For contains, starts_with "
                    + "and ends_with the column is read as text. A null never matches but with is_null. For between, the lower "
                    + "bound (inclusive).") String value,
            @JsonPropertyDescription("For between: the upper bound (inclusive).") String value2,
            @JsonPropertyDescription("For in: the accepted values, as text, compared as value is.") List<String> values) {

        public BasicFilter {
            values = values == null ? List.of() : List.copyOf(values);
            var check = new SettingsCheck().notBlank("column", column);
            check.require(operator != null, "operator", "is required");
            if (operator != null) {
                check.require(!operator.needsValue() || value != null, "value",
                        "is required for " + operator.name().toLowerCase(java.util.Locale.ROOT));
                check.require(operator != Operator.BETWEEN || value2 != null, "value2", "is required for between");
                check.require(operator != Operator.IN || !values.isEmpty(), "values", "needs at least one value for in");
            }
            check.done();
        }
    }
}
