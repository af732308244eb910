package io.flowfile.nodes.builtin.formula;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.SettingsCheck;
import io.flowfile.node.SqlText;
import io.flowfile.node.Sql;

/**
 * @param column     the column to write: a new name adds a column at the end, an existing name
 *                   replaces that column in place
 * @param expression a DuckDB SQL expression over the input's columns, used as written
 * @param type       DuckDB type to cast the result to; empty keeps the expression's type
 */
public record FormulaSettings(
        @JsonPropertyDescription("Column to write: a new name adds a column at the end, an existing name replaces "
                + "that column in place.") String column,
        @JsonPropertyDescription("DuckDB SQL expression computing the value from the row's columns, used as written "
                + "(raw SQL), e.g. price * quantity or upper(name).") @SqlText(SqlText.Kind.EXPRESSION) String expression,
        @JsonPropertyDescription("DuckDB type to convert the result to, e.g. INTEGER, DOUBLE, DATE, DECIMAL(18,3); "
                + "empty keeps the expression's type.") String type) {

    /**
     * A DuckDB type name such as {@code INTEGER}, {@code DECIMAL(18,3)}, {@code TIMESTAMP WITH TIME ZONE}
     * or {@code VARCHAR[]}; nested STRUCT and MAP types are not accepted.
     */

    public FormulaSettings {
        type = type == null || type.isBlank() ? null : type.strip();
        new SettingsCheck()
                .notBlank("column", column)
                .notBlank("expression", expression)
                .require(type == null || Sql.isTypeName(type), "type",
                        "'" + type + "' is not a DuckDB type name such as INTEGER, DOUBLE, DATE, DECIMAL(18,3) or VARCHAR[]")
                .done();
    }
}
