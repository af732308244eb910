package io.flowfile.nodes.builtin.order;

import io.flowfile.node.Input;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;

/**
 * The order in which an input's rows arrive, made explicit. Files keep their row order through a
 * plan (DuckDB preserves insertion order, and {@code row_number() OVER ()} numbers the rows in that
 * order), but an aggregate merges the partial results of its threads in any order: {@code first()}
 * over a Parquet file with several row groups answers differently from run to run. Nodes whose
 * answer depends on the order (first, last, concat, unique, record_id) number the rows first and
 * order by that number.
 */
public final class InputOrder {

    private static final String ROW_NUMBER = "__row_number";

    private InputOrder() {
    }

    /** A name for the row number that no column of {@code schema} has, unquoted. */
    public static String freeName(Schema schema) {
        String name = ROW_NUMBER;
        for (int suffix = 1; schema.has(name); suffix++) {
            name = ROW_NUMBER + "_" + suffix;
        }
        return name;
    }

    /**
     * {@code (SELECT *, row_number() OVER () AS rowNumber FROM input)}: the input's rows with their
     * position, for use in {@code FROM}.
     *
     * @param rowNumber the quoted name of the new column
     */
    public static String numbered(Input input, String rowNumber) {
        return "(SELECT *, row_number() OVER () AS " + rowNumber + " FROM " + input.ref() + ")";
    }
}
