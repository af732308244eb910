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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A DuckDB connection that binds queries without running them, one caller at a time. Every call
 * runs on the binder's own thread, whose stack is {@link DuckDb#THREAD_STACK_BYTES}: DuckDB binds by
 * recursion, and a deeply nested query would overflow a caller's ordinary stack and end the process.
 */
final class Binder implements AutoCloseable {

    private static final String BATCH_MARKER = "\u0001flowfile bind ";

    /** A call on the connection. */
    private interface Call<T> {
        T run() throws SQLException;
    }

    private final Connection connection;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread created = new Thread(null, runnable, "flowfile-binder", DuckDb.THREAD_STACK_BYTES);
        created.setDaemon(true);
        return created;
    });

    Binder(Connection connection) {
        this.connection = connection;
    }

    /** Runs {@code call} on the binder's thread and waits for it. */
    private <T> T onThread(Call<T> call) throws SQLException {
        Future<T> result = thread.submit(call::run);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while DuckDB was binding", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
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
        onThread(() -> {
            try (Statement created = connection.createStatement()) {
                created.execute(statement);
            }
            return null;
        });
    }

    /** DuckDB's parse of {@code sql} as JSON ({@code json_serialize_sql}), without binding or running it. */
    synchronized String parse(String sql) throws SQLException {
        return onThread(() -> {
            try (var statement = connection.prepareStatement("SELECT json_serialize_sql(?)")) {
                statement.setString(1, sql);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            }
        });
    }

    synchronized Schema describe(String query) throws SQLException {
        return onThread(() -> describeHere(query));
    }

    private Schema describeHere(String query) throws SQLException {
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
        try {
            return onThread(() -> describeAllHere(queries));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot bind: " + e.getMessage(), e);
        }
    }

    private List<Described> describeAllHere(List<String> queries) {
        if (queries.size() > 1) { // one query alone binds as fast without the join
            List<Schema> schemas = describeBatch(queries);
            if (schemas != null) {
                return schemas.stream().map(schema -> new Described(schema, null)).toList();
            }
        }
        var results = new ArrayList<Described>(queries.size());
        for (String query : queries) {
            try {
                results.add(new Described(describeHere("SELECT * FROM (" + query + "\n)"), null));
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
            joined = describeHere(sql.toString());
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
        try {
            onThread(() -> {
                connection.close();
                return null;
            });
        } finally {
            thread.shutdown();
        }
    }
}
