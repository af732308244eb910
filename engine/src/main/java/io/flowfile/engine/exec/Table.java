package io.flowfile.engine.exec;

import io.flowfile.node.Schema;
import java.util.List;

/** Rows read back from a run: a preview. Values are as DuckDB's JDBC driver returns them. */
public record Table(Schema schema, List<List<Object>> rows) {

    public Table {
        rows = rows.stream().map(java.util.Collections::unmodifiableList).toList();
    }
}
