package io.flowfile.engine.duckdb;

import io.flowfile.node.Column;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A DuckDB connection that binds queries without running them, one caller at a time. */
final class Binder implements AutoCloseable {

    private static final String BATCH_MARKER = "\u0001flowfile bind ";

    private final Connection connection;

    Binder(Connection connection) {
        this.connection = connection;
    }

    /** What binding one query of a batch found: a schema, or DuckDB's binder message. */
    public record Described(Schema schema, SQLException error) {
        public Schema get() throws SQLException {
            if (error != null) {
                throw error;
            }
            return schema;
        }
    }

    synchronized void execute(String statement) throws SQLException {
        try (Statement created = connection.createStatement()) {
            created.execute(statement);
        }
    }

    synchronized Schema describe(String query) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("DESCRIBE " + query)) {
            var columns = new ArrayList<Column>();
            while (rows.next()) {
                columns.add(new Column(rows.getString("column_name"), rows.getString("column_type")));
            }
            return new Schema(columns);
        }
    }

    /**
     * Binds several queries with one {@code DESCRIBE} of their positional join, each query's columns
     * after a marker column: that costs little more than binding one of them. When the batch does
     * not bind, each query is bound alone, so every error is the query's own. Either way each
     * query is bound as a subquery, so its columns are named as a table made from it would be
     * (DuckDB renames a repeated name).
     */
    synchronized List<Described> describeAll(List<String> queries) {
        if (queries.size() > 1) { // one query alone binds as fast without the join
            List<Schema> schemas = describeBatch(queries);
            if (schemas != null) {
                return schemas.stream().map(schema -> new Described(schema, null)).toList();
            }
        }
        var results = new ArrayList<Described>(queries.size());
        for (String query : queries) {
            try {
                results.add(new Described(describe("SELECT * FROM (" + query + "\n)"), null));
            } catch (SQLException e) {
                results.add(new Described(null, e));
            }
        }
        return results;
    }

    private List<Schema> describeBatch(List<String> queries) {
        var sql = new StringBuilder("SELECT * FROM ");
        for (int i = 0; i < queries.size(); i++) {
            if (i > 0) {
                sql.append(" POSITIONAL JOIN ");
            }
            sql.append("(SELECT NULL AS ").append(Sql.identifier(BATCH_MARKER + i)).append(", * FROM (")
                    .append(queries.get(i)).append("\n))");
        }
        Schema joined;
        try {
            joined = describe(sql.toString());
        } catch (SQLException e) {
            return null;
        }
        var schemas = new ArrayList<Schema>(queries.size());
        List<Column> current = null;
        for (Column column : joined.columns()) {
            if (column.name().equals(BATCH_MARKER + (schemas.size() + (current == null ? 0 : 1)))) {
                if (current != null) {
                    schemas.add(new Schema(current));
                }
                current = new ArrayList<>();
            } else if (current == null) {
                return null;
            } else {
                current.add(column);
            }
        }
        if (current != null) {
            schemas.add(new Schema(current));
        }
        return schemas.size() == queries.size() ? schemas : null;
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
