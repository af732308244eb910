package io.flowfile.engine.duckdb;

import io.flowfile.node.Column;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * The engine's embedded DuckDB: one in-memory database per engine, a connection per concurrent
 * stage (tables created by one are visible to all), and a connection of its own for binding.
 */
public final class DuckDb implements AutoCloseable {

    /**
     * @param threads       DuckDB worker threads
     * @param memoryLimit   e.g. {@code 8GB}; DuckDB spills to {@code tempDirectory} past it
     * @param tempDirectory where DuckDB spills
     * @param allowedDirectories when present, the only directories DuckDB may read or write (the
     *                      temporary directory is added); its configuration is then locked, so a
     *                      query cannot widen them
     */
    public record Settings(int threads, String memoryLimit, Path tempDirectory, Optional<List<Path>> allowedDirectories) {
        public Settings(int threads, String memoryLimit, Path tempDirectory) {
            this(threads, memoryLimit, tempDirectory, Optional.empty());
        }

        public Settings {
            Objects.requireNonNull(allowedDirectories, "allowedDirectories is null");
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            Objects.requireNonNull(memoryLimit, "memoryLimit is null");
            Objects.requireNonNull(tempDirectory, "tempDirectory is null");
        }
    }

    /**
     * The stack of every thread that runs DuckDB statements for the engine (binding and stages).
     * DuckDB binds and plans by recursion, one level per nested expression or subquery; on an
     * ordinary 1 MB thread stack a statement well inside DuckDB's own depth limit can overflow the
     * stack and end the process. With this much, DuckDB's limit is reached first.
     */
    public static final long THREAD_STACK_BYTES = 64L * 1024 * 1024;

    /** Stand-in tables hold no rows; past this many schemas they are all dropped and made again on demand. */
    private static final int MAX_STAND_INS = 2_000;

    private final DuckDBConnection root;
    /** Binds queries for validation, with DuckDB's optimizer off: a bind only needs the result's columns. */
    private final Binder binder;
    /** Schema → name of an empty temporary table of that schema (seen by the binder's connection only). */
    private final Map<Schema, String> standIns = new HashMap<>();
    private int standInCounter;

    private DuckDb(DuckDBConnection root) throws SQLException {
        this.root = root;
        this.binder = new Binder(root.duplicate());
        binder.execute("PRAGMA disable_optimizer");
    }

    public static DuckDb open(Settings settings) {
        try {
            var properties = new Properties();
            properties.setProperty("threads", Integer.toString(settings.threads()));
            properties.setProperty("memory_limit", settings.memoryLimit());
            properties.setProperty("temp_directory", settings.tempDirectory().toString());
            properties.setProperty("autoinstall_known_extensions", "false");
            properties.setProperty("autoload_known_extensions", "true");
            DuckDBConnection connection = connect(properties);
            DuckDb duckDb = new DuckDb(connection);
            if (settings.allowedDirectories().isPresent()) {
                // after the binder's own settings: the lock holds for every connection from here on
                restrict(connection, settings.tempDirectory(), settings.allowedDirectories().get());
            }
            return duckDb;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB: " + e.getMessage(), e);
        }
    }

    /**
     * Limits file access to {@code directories} (and the spill directory) and locks the
     * configuration: {@code read_csv('/etc/passwd')} then fails with DuckDB's permission error.
     */
    private static void restrict(DuckDBConnection connection, Path tempDirectory, List<Path> directories) throws SQLException {
        List<String> allowed = new ArrayList<>();
        for (Path directory : directories) {
            allowed.add(Sql.literal(directory.toAbsolutePath().normalize() + "/"));
        }
        allowed.add(Sql.literal(tempDirectory.toAbsolutePath().normalize() + "/"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET allowed_directories = [" + String.join(", ", allowed) + "]");
            statement.execute("SET enable_external_access = false");
            statement.execute("SET lock_configuration = true");
        }
    }

    /**
     * A new in-memory DuckDB database, through the driver itself rather than {@link java.sql.DriverManager}:
     * the driver manager hands a driver only to the class loader that registered it, and in a
     * process with several (a Quarkus application and its tests) that may be another one.
     */
    public static DuckDBConnection connect(Properties properties) throws SQLException {
        return (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", properties);
    }

    /**
     * The names (lower case) of DuckDB's own catalog views that a table name without a schema finds
     * ({@code duckdb_tables}, {@code pg_namespace}, {@code sqlite_master}, ...).
     */
    public java.util.Set<String> catalogViewNames() {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             java.sql.ResultSet views = statement.executeQuery("SELECT DISTINCT lower(view_name) FROM duckdb_views() "
                     + "WHERE database_name = 'system' AND schema_name IN ('main', 'pg_catalog')")) {
            var names = new java.util.HashSet<String>();
            while (views.next()) {
                names.add(views.getString(1));
            }
            return java.util.Set.copyOf(names);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list DuckDB's catalog views: " + e.getMessage(), e);
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
        return binder.describe(query);
    }

    /**
     * DuckDB's parse tree of {@code sql} as JSON text ({@code json_serialize_sql}): nothing is bound
     * or run, so any text may be given. See {@link SqlShape}.
     */
    public String parse(String sql) throws SQLException {
        return binder.parse(sql);
    }

    /** Binds several queries, cheaper than one by one ({@link Binder#describeAll}). */
    List<Binder.Described> describeAll(List<String> queries) {
        return binder.describeAll(queries);
    }

    /**
     * The name of an empty table of {@code schema}, for binding queries over an input before it
     * has data; empty when the schema has no columns (no table can). Binding against a table is
     * cheaper than against an inline relation of casts.
     */
    public Optional<String> standIn(Schema schema) throws SQLException {
        if (schema.columns().isEmpty()) {
            return Optional.empty();
        }
        synchronized (standIns) {
            String known = standIns.get(schema);
            if (known != null) {
                return Optional.of(known);
            }
            if (standIns.size() >= MAX_STAND_INS) {
                for (String table : standIns.values()) {
                    binder.execute("DROP TABLE IF EXISTS " + table);
                }
                standIns.clear();
            }
            String table = "temp." + Sql.identifier("flowfile stand-in " + ++standInCounter);
            String columns = schema.columns().stream()
                    .map(column -> Sql.identifier(column.name()) + " " + column.type())
                    .collect(Collectors.joining(", "));
            binder.execute("CREATE TEMP TABLE " + table + " (" + columns + ")");
            standIns.put(schema, table);
            return Optional.of(table);
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
