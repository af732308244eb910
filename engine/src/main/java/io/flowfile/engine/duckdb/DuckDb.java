package io.flowfile.engine.duckdb;

import io.flowfile.node.Column;
import io.flowfile.node.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * The engine's embedded DuckDB: one in-memory database per engine, a connection per concurrent
 * stage (tables created by one are visible to all), and a connection of its own for binding.
 */
public final class DuckDb implements AutoCloseable {

    /**
     * @param threads       DuckDB worker threads
     * @param memoryLimit   e.g. {@code 8GB}; DuckDB spills to {@code tempDirectory} past it
     * @param tempDirectory where DuckDB spills
     */
    public record Settings(int threads, String memoryLimit, Path tempDirectory) {
        public Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            Objects.requireNonNull(memoryLimit, "memoryLimit is null");
            Objects.requireNonNull(tempDirectory, "tempDirectory is null");
        }
    }

    private final DuckDBConnection root;
    private final Connection binder;

    private DuckDb(DuckDBConnection root) throws SQLException {
        this.root = root;
        this.binder = root.duplicate();
    }

    public static DuckDb open(Settings settings) {
        try {
            var properties = new Properties();
            properties.setProperty("threads", Integer.toString(settings.threads()));
            properties.setProperty("memory_limit", settings.memoryLimit());
            properties.setProperty("temp_directory", settings.tempDirectory().toString());
            properties.setProperty("autoinstall_known_extensions", "false");
            properties.setProperty("autoload_known_extensions", "true");
            var connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
            return new DuckDb(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB: " + e.getMessage(), e);
        }
    }

    /** A new connection to the same database; the caller closes it. */
    public Connection connect() throws SQLException {
        return root.duplicate();
    }

    /**
     * The schema {@code query} would produce, found by binding it without running it.
     *
     * @throws SQLException with DuckDB's binder message when the query does not bind
     */
    public Schema describe(String query) throws SQLException {
        synchronized (binder) {
            try (Statement statement = binder.createStatement();
                 ResultSet rows = statement.executeQuery("DESCRIBE " + query)) {
                var columns = new ArrayList<Column>();
                while (rows.next()) {
                    columns.add(new Column(rows.getString("column_name"), rows.getString("column_type")));
                }
                return new Schema(columns);
            }
        }
    }

    @Override
    public void close() {
        try {
            binder.close();
            root.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close DuckDB: " + e.getMessage(), e);
        }
    }
}
