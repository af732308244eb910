package io.flowfile.nodes.builtin.select;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.ColumnName;
import io.flowfile.node.SettingsCheck;
import io.flowfile.node.Sql;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * @param columns      the listed columns, in output order
 * @param dropUnlisted whether input columns that are not listed are dropped (default false: they
 *                     follow the listed ones in input order)
 */
public record SelectSettings(
        @JsonPropertyDescription("Columns to keep, drop, rename or cast, in output order.") List<SelectColumn> columns,
        @JsonPropertyDescription("Drop input columns that are not listed; by default they are kept after the listed ones.")
        Boolean dropUnlisted) {

    /**
     * A DuckDB type name such as {@code INTEGER}, {@code DECIMAL(18,3)}, {@code TIMESTAMP WITH TIME ZONE}
     * or {@code VARCHAR[]}; nested STRUCT and MAP types are not accepted.
     */

    public SelectSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
        dropUnlisted = dropUnlisted != null && dropUnlisted;
        var check = new SettingsCheck().notEmpty("columns", columns);
        var listedAt = new HashMap<String, Integer>();
        var outputAt = new HashMap<String, Integer>();
        for (int i = 0; i < columns.size(); i++) {
            SelectColumn entry = columns.get(i);
            check.require(entry != null, "columns[" + i + "]", "is empty");
            if (entry == null) {
                continue;
            }
            Integer listed = listedAt.putIfAbsent(key(entry.column()), i);
            check.require(listed == null, "columns[" + i + "].column",
                    "column \"" + entry.column() + "\" is already listed at columns[" + listed + "]");
            if (entry.keep()) {
                Integer output = outputAt.putIfAbsent(key(entry.outputName()), i);
                check.require(output == null, "columns[" + i + "]", "output name \"" + entry.outputName() + "\" of columns["
                        + i + "] is also the output name of columns[" + output + "]");
            }
        }
        check.done();
    }

    /** DuckDB compares column names without regard to case. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Whether any kept column is cast, so the engine has to bind the query to know the types. */
    boolean casts() {
        return columns.stream().anyMatch(entry -> entry.keep() && entry.castTo() != null);
    }

    /** The listed columns by lower-case name. */
    Map<String, SelectColumn> byColumn() {
        var result = new HashMap<String, SelectColumn>();
        columns.forEach(entry -> result.put(key(entry.column()), entry));
        return result;
    }

    /**
     * @param column   input column
     * @param keep     whether the column is in the output (default true)
     * @param renameTo output name; default the input name
     * @param castTo   DuckDB type to cast to; a value that does not convert fails the run
     */
    public record SelectColumn(
            @JsonPropertyDescription("Input column.") @ColumnName String column,
            @JsonPropertyDescription("Keep the column (default true); false drops it.") Boolean keep,
            @JsonPropertyDescription("New name for the column; empty keeps the input name.") String renameTo,
            @JsonPropertyDescription("DuckDB type to convert the column to, e.g. INTEGER, DOUBLE, DATE, DECIMAL(18,3), VARCHAR[]. "
                    + "A value that does not convert fails the run.") String castTo) {

        public SelectColumn {
            keep = keep == null || keep;
            renameTo = renameTo == null || renameTo.isEmpty() ? null : renameTo;
            castTo = castTo == null || castTo.isBlank() ? null : castTo.strip();
            new SettingsCheck()
                    .notBlank("column", column)
                    .require(renameTo == null || !renameTo.isBlank(), "rename_to", "must not be blank")
                    .require(castTo == null || Sql.isTypeName(castTo), "cast_to",
                            "'" + castTo + "' is not a DuckDB type name such as INTEGER, DOUBLE, DATE, DECIMAL(18,3) or VARCHAR[]")
                    .done();
        }

        /** The name the column has in the output. */
        String outputName() {
            return renameTo == null ? column : renameTo;
        }
    }
}
