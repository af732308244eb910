package io.flowfile.nodes.builtin.window;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.ColumnName;
import io.flowfile.node.SettingsCheck;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * @param partitionBy columns splitting the rows into independent partitions; empty for one
 * @param orderBy     the row order within a partition, which every function depends on
 * @param functions   the columns computed, one per function
 */
public record WindowSettings(
        @JsonProperty("partition_by")
        @JsonPropertyDescription("Columns splitting the rows into partitions computed independently; empty "
                + "(default) treats all rows as one partition.") @ColumnName List<String> partitionBy,
        @JsonProperty("order_by")
        @JsonPropertyDescription("Row order within a partition, most significant key first; required, as every "
                + "function depends on it.") List<OrderKey> orderBy,
        @JsonPropertyDescription("Columns computed over the window, added after the input columns.")
        List<WindowColumn> functions) {

    public WindowSettings {
        partitionBy = partitionBy == null ? List.of() : List.copyOf(partitionBy);
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        functions = functions == null ? List.of() : List.copyOf(functions);
        var check = new SettingsCheck().notEmpty("order_by", orderBy).notEmpty("functions", functions);
        for (int i = 0; i < partitionBy.size(); i++) {
            check.notBlank("partition_by[" + i + "]", partitionBy.get(i));
        }
        check.done();
    }

    public enum Direction { ASC, DESC }

    public enum Function {
        CUMULATIVE_SUM, CUMULATIVE_COUNT, CUMULATIVE_MIN, CUMULATIVE_MAX, ROLLING_MEAN, ROLLING_SUM,
        RANK, DENSE_RANK, ROW_NUMBER, LAG, LEAD
    }

    /**
     * @param column    column to order by
     * @param direction ascending (default) or descending
     */
    public record OrderKey(
            @JsonPropertyDescription("Column to order by.") @ColumnName String column,
            @JsonPropertyDescription("asc (default) or desc; nulls come last.") Direction direction) {

        public OrderKey {
            direction = direction == null ? Direction.ASC : direction;
            new SettingsCheck().notBlank("column", column).done();
        }
    }

    /**
     * @param function what is computed
     * @param column   the input column; required except for rank, dense_rank, row_number and
     *                 (counting rows) cumulative_count
     * @param alias    output column name; default {@code <column>_<function>}, or the function name
     * @param size     rolling functions only: rows in the window, ending at the current row
     * @param offset   lag and lead only: how many rows back or ahead; default 1
     */
    public record WindowColumn(
            @JsonPropertyDescription("cumulative_sum, cumulative_count, cumulative_min, cumulative_max, rolling_mean, "
                    + "rolling_sum, rank, dense_rank, row_number, lag or lead.") Function function,
            @JsonPropertyDescription("Input column; not used by rank, dense_rank and row_number; optional for "
                    + "cumulative_count, which then counts rows.") @ColumnName String column,
            @JsonPropertyDescription("Name of the output column; default <column>_<function>, or the function name "
                    + "without a column.") String alias,
            @JsonPropertyDescription("Rolling functions only: number of rows in the window, ending at the current row; "
                    + "the first rows of a partition have fewer.") Integer size,
            @JsonPropertyDescription("lag and lead only: how many rows back or ahead; default 1.") Integer offset) {

        private static final Set<Function> WITHOUT_COLUMN = Set.of(Function.RANK, Function.DENSE_RANK, Function.ROW_NUMBER);
        private static final Set<Function> ROLLING = Set.of(Function.ROLLING_MEAN, Function.ROLLING_SUM);
        private static final Set<Function> SHIFTING = Set.of(Function.LAG, Function.LEAD);

        public WindowColumn {
            var check = new SettingsCheck().require(function != null, "function", "is required");
            check.done();
            offset = SHIFTING.contains(function) && offset == null ? Integer.valueOf(1) : offset;
            if (WITHOUT_COLUMN.contains(function)) {
                check.require(column == null, "column", "is not used by " + lowerCase(function));
            } else if (function != Function.CUMULATIVE_COUNT || column != null) {
                check.notBlank("column", column);
            }
            check.require(ROLLING.contains(function) ? size != null && size >= 1 : size == null, "size",
                    ROLLING.contains(function) ? "must be 1 or more, got " + size : "is only used by rolling functions");
            check.require(SHIFTING.contains(function) ? offset >= 1 : offset == null, "offset",
                    SHIFTING.contains(function) ? "must be 1 or more, got " + offset : "is only used by lag and lead");
            check.done();
            alias = alias == null || alias.isBlank()
                    ? (column == null ? lowerCase(function) : column + "_" + lowerCase(function))
                    : alias;
        }

        private static String lowerCase(Function function) {
            return function.name().toLowerCase(Locale.ROOT);
        }
    }
}
