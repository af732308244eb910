package io.flowfile.nodes.builtin.manualinput;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.SettingsCheck;
import io.flowfile.node.Sql;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/**
 * @param columns the table's columns, in order
 * @param rows    the table's rows; each has one JSON value (string, number, boolean or null) per
 *                column, converted to the column's type
 */
public record ManualInputSettings(
        @JsonPropertyDescription("The table's columns, in order.") List<ManualColumn> columns,
        @JsonPropertyDescription("The rows: each a list with one value (string, number, true/false or null) per column, "
                + "converted to the column's type.") List<List<Object>> rows) {

    /** A DuckDB type name such as {@code INTEGER}, {@code DECIMAL(18,3)} or {@code VARCHAR[]}. */

    public ManualInputSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
        var check = new SettingsCheck().notEmpty("columns", columns);
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).name();
            Integer earlier = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
            check.require(earlier == null, "columns[" + i + "].name",
                    "column \"" + name + "\" is already declared at columns[" + earlier + "]");
        }
        rows = rows == null ? List.of() : normalize(rows, columns.size(), check);
        check.done();
    }

    /**
     * The rows with whole numbers as {@link Long} and other numbers as {@link Double} (so settings
     * read from JSON equal settings built in code), checking that every row has one scalar value
     * per column.
     */
    private static List<List<Object>> normalize(List<List<Object>> rows, int width, SettingsCheck check) {
        var result = new ArrayList<List<Object>>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = rows.get(i);
            if (row == null) {
                check.require(false, "rows[" + i + "]", "must be a list of values, got null");
                continue;
            }
            check.require(width == 0 || row.size() == width, "rows[" + i + "]",
                    "row " + i + " has " + row.size() + " values but there are " + width + " columns");
            var values = new ArrayList<Object>(row.size());
            for (int j = 0; j < row.size(); j++) {
                Object value = normalize(row.get(j));
                check.require(isScalar(value), "rows[" + i + "][" + j + "]",
                        "must be a string, number, true/false or null, got " + value);
                values.add(value);
            }
            result.add(Collections.unmodifiableList(values));
        }
        return Collections.unmodifiableList(result);
    }

    private static Object normalize(Object value) {
        return switch (value) {
            case Integer number -> number.longValue();
            case Short number -> number.longValue();
            case Byte number -> number.longValue();
            case Float number -> number.doubleValue();
            case BigInteger number when number.bitLength() < Long.SIZE -> number.longValue();
            case null, default -> value;
        };
    }

    private static boolean isScalar(Object value) {
        return value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof BigInteger || value instanceof BigDecimal;
    }

    /**
     * @param name the column's name
     * @param type its DuckDB type, e.g. BIGINT, DOUBLE, VARCHAR, BOOLEAN, DATE
     */
    public record ManualColumn(
            @JsonPropertyDescription("The column's name.") String name,
            @JsonPropertyDescription("Its DuckDB type, e.g. BIGINT, DOUBLE, VARCHAR, BOOLEAN, DATE, TIMESTAMP, DECIMAL(18,3).")
            String type) {

        public ManualColumn {
            type = type == null ? null : type.strip();
            new SettingsCheck()
                    .notBlank("name", name)
                    .require(Sql.isTypeName(type), "type",
                            "'" + type + "' is not a DuckDB type name such as BIGINT, DOUBLE, VARCHAR, BOOLEAN or DATE")
                    .done();
        }
    }
}
