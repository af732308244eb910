package io.flowfile.engine.duckdb;

import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import java.util.Map;
import java.util.stream.Collectors;

/** Empty relations of a given schema that let DuckDB bind a node's query before any data exists. */
public final class StandIns {

    private StandIns() {
    }

    /** {@code SELECT CAST(NULL AS t) AS "c", ... LIMIT 0}. */
    public static String emptyRelation(Schema schema) {
        if (schema.columns().isEmpty()) {
            return "SELECT 1 WHERE false";
        }
        return schema.columns().stream()
                .map(column -> "CAST(NULL AS " + column.type() + ") AS " + Sql.identifier(column.name()))
                .collect(Collectors.joining(", ", "SELECT ", " LIMIT 0"));
    }

    /** {@code query} prefixed with a CTE of the right schema for each ref it may use. */
    public static String bindable(String query, Map<String, Schema> schemasByRef) {
        if (schemasByRef.isEmpty()) {
            return query;
        }
        return schemasByRef.entrySet().stream()
                .map(entry -> entry.getKey() + " AS (" + emptyRelation(entry.getValue()) + ")")
                .collect(Collectors.joining(", ", "WITH ", " SELECT * FROM (" + query + "\n)"));
    }
}
