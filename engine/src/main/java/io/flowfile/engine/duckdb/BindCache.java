package io.flowfile.engine.duckdb;

import io.flowfile.node.Schema;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers what DuckDB bound a node's query to. The key is the query with its input refs replaced
 * by positional names, plus the input schemas: a query over inputs depends on nothing else, so
 * re-validating a flow after an edit binds only the queries that changed. Queries over no input
 * (sources reading files) are not remembered. Least recently used
 * entries go past {@code capacity}; bind errors are not cached.
 */
public final class BindCache {

    /** An input ref that occurs in a query, and the schema of the relation behind it. */
    public record Ref(String ref, Schema schema) {
    }

    private final DuckDb duckDb;
    private final BindBatcher batcher;
    private final Map<String, Schema> entries;

    /** Queries are bound through {@code batcher}, so concurrent validation tasks share statements. */
    public BindCache(DuckDb duckDb, BindBatcher batcher, int capacity) {
        this.duckDb = duckDb;
        this.batcher = batcher;
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Schema> eldest) {
                return size() > capacity;
            }
        };
    }

    public Schema describe(String query, List<Ref> refs) throws SQLException {
        if (refs.isEmpty()) {
            // A query that reads no input reads something else (a file): its schema can change with
            // the file, so it is bound every time.
            return batcher.describe(query);
        }
        String normalised = query;
        var key = new StringBuilder();
        var schemas = new LinkedHashMap<String, Schema>();
        for (int i = 0; i < refs.size(); i++) {
            String positional = "\"input " + i + "\"";
            normalised = normalised.replace(refs.get(i).ref(), positional);
            schemas.put(positional, refs.get(i).schema());
            key.append(positional).append(' ').append(refs.get(i).schema()).append('\n');
        }
        key.append(normalised);
        String cacheKey = key.toString();
        synchronized (entries) {
            Schema known = entries.get(cacheKey);
            if (known != null) {
                return known;
            }
        }
        Schema schema = batcher.describe(bindable(normalised, schemas));
        synchronized (entries) {
            entries.put(cacheKey, schema);
        }
        return schema;
    }

    /**
     * {@code query} over empty stand-in tables of its inputs' schemas, keyed by their positional
     * names (an inline relation for a schema without columns, which no table can have).
     */
    private String bindable(String query, Map<String, Schema> schemasByRef) throws SQLException {
        String bindable = query;
        var inline = new LinkedHashMap<String, Schema>();
        for (var entry : schemasByRef.entrySet()) {
            var table = duckDb.standIn(entry.getValue());
            if (table.isPresent()) {
                bindable = bindable.replace(entry.getKey(), table.get());
            } else {
                inline.put(entry.getKey(), entry.getValue());
            }
        }
        return inline.isEmpty() ? bindable : StandIns.bindable(bindable, inline);
    }
}
