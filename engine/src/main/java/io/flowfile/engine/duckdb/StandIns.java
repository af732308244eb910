package io.flowfile.engine.duckdb;

import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import java.util.Map;
import java.util.stream.Collectors;

/** A node's query made bindable before any data exists: each ref it may use stands in as an empty relation of its schema. */
public final class StandIns {

    private StandIns() {
    }

    /** {@code query} prefixed with a CTE of the right schema for each ref it may use. */
    public static String bindable(String query, Map<String, Schema> schemasByRef) {
        if (schemasByRef.isEmpty()) {
            return query;
        }
        return schemasByRef.entrySet().stream()
                .map(entry -> entry.getKey() + " AS (" + Sql.emptyRelation(entry.getValue()) + ")")
                .collect(Collectors.joining(", ", "WITH ", " SELECT * FROM (" + query + "\n)"));
    }
}
