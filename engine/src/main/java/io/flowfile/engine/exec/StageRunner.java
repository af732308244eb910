package io.flowfile.engine.exec;

import io.flowfile.engine.EngineErrorCode;
import io.flowfile.engine.cache.ResultCache;
import io.flowfile.engine.duckdb.DuckDb;
import io.flowfile.engine.plan.ExecutionPlan;
import io.flowfile.engine.plan.Stage;
import io.flowfile.engine.plan.StageSql;
import io.flowfile.engine.validate.PlannedNode;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import io.flowfile.node.NodePlan;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import io.flowfile.node.WriteMode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Runs one stage of a plan on its own DuckDB connection. */
final class StageRunner {

    /** What a stage produced. */
    record Outcome(long rows, boolean cached) {
    }

    private final ExecutionPlan plan;
    private final Map<String, PlannedNode> nodes;
    private final DuckDb duckDb;
    private final ResultCache cache;
    private final String runSchema;
    private final String runId;
    private final ConcurrentMap<RelationId, String> sources;
    private final Set<Statement> running;

    private final ScriptStage scripts;

    StageRunner(ExecutionPlan plan, Map<String, PlannedNode> nodes, DuckDb duckDb, ResultCache cache, String runId,
                String runSchema, ConcurrentMap<RelationId, String> sources, Set<Statement> running,
                ScriptSupport scriptSupport, java.util.function.Consumer<NodeEvent> emit) {
        this.scripts = new ScriptStage(scriptSupport, duckDb, emit, runId, flowId(plan.flow()), running);
        this.plan = plan;
        this.nodes = nodes;
        this.duckDb = duckDb;
        this.cache = cache;
        this.runId = runId;
        this.runSchema = runSchema;
        this.sources = sources;
        this.running = running;
    }

    /**
     * A flow's identity on a kernel (its namespace and the scope of its artifacts): its name, made
     * unique by where the flow lives, so two flows that share a name do not share variables.
     */
    static String flowId(io.flowfile.engine.validate.ValidatedFlow flow) {
        String where = io.flowfile.engine.plan.CacheKeys.sha256(String.valueOf(flow.baseDir())).substring(0, 8);
        String name = flow.document().name().replaceAll("[^A-Za-z0-9_.-]", "_").replaceFirst("^\\.", "_");
        // A directory name in the kernel (flow-scoped artifacts live under it): letters, digits, '-', '_', '.'.
        return (name.length() > 100 ? name.substring(0, 100) : name) + "-" + where;
    }

    Outcome run(Stage stage) throws Exception {
        try (Connection connection = duckDb.connect()) {
            return switch (stage.kind()) {
                case QUERY, LOAD -> materialise(stage, connection);
                case SINK -> write(stage, connection);
                case SCRIPT -> scripts.run(stage.root(), nodes, connection, sources::get, this::table, sources::put);
            };
        }
    }

    String table(RelationId relation) {
        return Sql.identifier(runSchema) + "." + relation.ref();
    }

    private Outcome materialise(Stage stage, Connection connection) throws Exception {
        RelationId output = stage.output();
        String key = plan.cacheKeys().get(output);
        if (stage.cached()) {
            var hit = cache.find(key);
            if (hit.isPresent()) {
                sources.put(output, cachedRows(hit.get()));
                return new Outcome(hit.get().rows(), true);
            }
        }
        String table = table(output);
        if (stage.kind() == Stage.Kind.LOAD) {
            load((NodePlan.TablePlan) stage.root().plan(), connection, output);
        } else {
            execute(connection, "CREATE TABLE " + table + " AS " + StageSql.query(stage, nodes, sources::get));
        }
        long rows = count(connection, table);
        sources.put(output, table);
        if (stage.cached()) {
            Path temporary = cache.temporaryFile();
            Schema schema = stage.root().outputs().get(output.port());
            execute(connection, "COPY (SELECT * " + replace(schema, "VARCHAR") + "FROM " + table + ") TO "
                    + Sql.literal(temporary) + " (FORMAT parquet, COMPRESSION zstd)");
            cache.commit(key, temporary, rows, schema);
        }
        return new Outcome(rows, false);
    }

    /**
     * A cached result, read with the types it was computed with: DuckDB writes HUGEINT and UHUGEINT
     * to Parquet as DOUBLE (rounding past 2^53), so the cache holds them as text.
     */
    private static String cachedRows(ResultCache.Entry entry) {
        String file = "read_parquet(" + Sql.literal(entry.file()) + ")";
        String replace = replace(entry.schema(), null);
        return replace.isEmpty() ? file : "(SELECT * " + replace + "FROM " + file + ")";
    }

    /**
     * {@code REPLACE (CAST(c AS type) AS c, ...) } for the HUGEINT and UHUGEINT columns of {@code schema},
     * or nothing when it has none.
     *
     * @param type the type to cast to, or null for each column's own type
     */
    private static String replace(Schema schema, String type) {
        String casts = schema.columns().stream()
                .filter(column -> column.type().equals("HUGEINT") || column.type().equals("UHUGEINT"))
                .map(column -> "CAST(" + Sql.identifier(column.name()) + " AS " + (type == null ? column.type() : type)
                        + ") AS " + Sql.identifier(column.name()))
                .collect(Collectors.joining(", "));
        return casts.isEmpty() ? "" : "REPLACE (" + casts + ") ";
    }

    private void load(NodePlan.TablePlan plan, Connection connection, RelationId output) throws Exception {
        String columns = plan.schema().columns().stream()
                .map(column -> Sql.identifier(column.name()) + " " + column.type())
                .collect(Collectors.joining(", "));
        execute(connection, "CREATE TABLE " + table(output) + " (" + columns + ")");
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender(runSchema, output.name())) {
            plan.loader().load(values -> {
                if (values.length != plan.schema().columns().size()) {
                    throw new IllegalStateException("loader gave " + values.length + " values for "
                            + plan.schema().columns().size() + " columns");
                }
                appender.beginRow();
                for (Object value : values) {
                    append(appender, value);
                }
                appender.endRow();
            });
            appender.flush();
        }
    }

    private static void append(DuckDBAppender appender, Object value) throws SQLException {
        switch (value) {
            case null -> appender.appendNull();
            case String text -> appender.append(text);
            case Long number -> appender.append(number.longValue());
            case Integer number -> appender.append(number.longValue());
            case Double number -> appender.append(number.doubleValue());
            case Boolean flag -> appender.append(flag.booleanValue());
            case BigDecimal decimal -> appender.append(decimal);
            case LocalDate date -> appender.append(date);
            case LocalDateTime timestamp -> appender.append(timestamp);
            default -> throw new IllegalArgumentException("a loader cannot append a " + value.getClass().getName());
        }
    }

    private Outcome write(Stage stage, Connection connection) throws Exception {
        var sink = (NodePlan.SinkPlan) stage.root().plan();
        String key = plan.cacheKeys().get(new RelationId(stage.root().id(), io.flowfile.node.Ports.MAIN));
        Path target = sink.target();
        if (stage.cached()) {
            var unchanged = cache.sink(key);
            if (unchanged.isPresent() && unchanged.get().target().equals(target.toString())) {
                return new Outcome(unchanged.get().rows(), true);
            }
        }
        if (sink.mode() == WriteMode.FAIL_IF_EXISTS && Files.exists(target)) {
            throw new NodeException(NodeErrorCode.OUTPUT_EXISTS, "output file " + target
                    + " already exists and the node's mode is fail_if_exists; remove the file or set mode to overwrite");
        }
        prepareTarget(target);
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp-" + runId);
        String staging = table(new RelationId(stage.root().id(), "narrowed"));
        long rows;
        try {
            String query = StageSql.query(stage, nodes, sources::get);
            if (sink.narrowHugeIntegers()) {
                query = narrowHugeIntegers(connection, query, staging);
            }
            rows = executeCount(connection, "COPY (" + query + ") TO " + Sql.literal(temporary) + " (" + sink.copyOptions() + ")");
            try {
                if (sink.mode() == WriteMode.FAIL_IF_EXISTS) {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (java.nio.file.FileSystemException e) {
                throw cannotWrite(target, e);
            }
        } finally {
            deleteQuietly(temporary);
            dropQuietly(connection, staging);
        }
        if (stage.cached()) {
            cache.recordSink(key, target, rows);
        }
        return new Outcome(rows, false);
    }

    /** Makes the target's directories; refuses a target that is a directory or lies under a file, saying so. */
    private static void prepareTarget(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            throw new NodeException(NodeErrorCode.WRITE_FAILED, "cannot write " + target + ": it is a directory; give the path of a file");
        }
        Path parent = target.toAbsolutePath().getParent();
        for (Path above = parent; above != null; above = above.getParent()) {
            if (Files.isRegularFile(above)) {
                throw new NodeException(NodeErrorCode.WRITE_FAILED, "cannot write " + target + ": " + above + " is a file, not a directory");
            }
            if (Files.isDirectory(above)) {
                break;
            }
        }
        try {
            Files.createDirectories(parent);
        } catch (java.nio.file.FileSystemException e) {
            throw cannotWrite(target, e);
        }
    }

    private static NodeException cannotWrite(Path target, java.nio.file.FileSystemException e) {
        String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied on " + e.getFile()
                : e.getReason() != null ? e.getReason().toLowerCase(java.util.Locale.ROOT) + " (" + e.getFile() + ")" : String.valueOf(e.getMessage());
        return new NodeException(NodeErrorCode.WRITE_FAILED, "cannot write " + target + ": " + reason, e);
    }

    /**
     * {@code rows} with each HUGEINT and UHUGEINT column as BIGINT when every value fits, else as
     * DECIMAL(38,0), for a sink that asks for it ({@link NodePlan.SinkPlan#narrowHugeIntegers()}).
     * Without such columns, {@code rows} itself; with them, the rows are computed into
     * {@code staging} first, so the choice follows the values and the query runs once.
     */
    private String narrowHugeIntegers(Connection connection, String rows, String staging) throws SQLException {
        var huge = new LinkedHashMap<String, String>(); // column -> type
        try (var statement = connection.prepareStatement(rows)) {
            var metadata = statement.getMetaData();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                String type = metadata.getColumnTypeName(i);
                if (type.equals("HUGEINT") || type.equals("UHUGEINT")) {
                    huge.put(metadata.getColumnName(i), type);
                }
            }
        }
        if (huge.isEmpty()) {
            return rows;
        }
        execute(connection, "CREATE TABLE " + staging + " AS " + rows);
        var checks = new ArrayList<String>(); // per column: whether every value fits BIGINT
        huge.forEach((column, type) -> checks.add("coalesce(bool_and(" + Sql.identifier(column) + " <= CAST("
                + Long.MAX_VALUE + " AS " + type + ")" + (type.equals("HUGEINT") ? " AND " + Sql.identifier(column)
                + " >= CAST(" + Sql.literal(Long.toString(Long.MIN_VALUE)) + " AS HUGEINT)" : "") + "), true)"));
        var replacements = new ArrayList<String>();
        try (Statement statement = connection.createStatement()) {
            running.add(statement);
            try (ResultSet fits = statement.executeQuery("SELECT " + String.join(", ", checks) + " FROM " + staging)) {
                fits.next();
                int index = 1;
                for (String column : huge.keySet()) {
                    String type = fits.getBoolean(index++) ? "BIGINT" : "DECIMAL(38,0)";
                    replacements.add("CAST(" + Sql.identifier(column) + " AS " + type + ") AS " + Sql.identifier(column));
                }
            } finally {
                running.remove(statement);
            }
        }
        return "SELECT * REPLACE (" + String.join(", ", replacements) + ") FROM " + staging;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: a leftover temporary file is named as such
        }
    }

    private static void dropQuietly(Connection connection, String table) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
        } catch (SQLException ignored) {
            // best effort: the run's schema, and the table with it, is dropped when the run ends
        }
    }

    private void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            running.add(statement);
            try {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new FailedStatement(sql, e);
            } finally {
                running.remove(statement);
            }
        }
    }

    private long executeCount(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            running.add(statement);
            try {
                if (statement.execute(sql)) {
                    try (ResultSet result = statement.getResultSet()) {
                        return result.next() ? result.getLong(1) : -1;
                    }
                }
                return statement.getUpdateCount();
            } catch (SQLException e) {
                throw new FailedStatement(sql, e);
            } finally {
                running.remove(statement);
            }
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * The node a failure belongs to: the source whose file the message names, else the node whose
     * part of a fused statement DuckDB points at, else the stage's root.
     */
    static FlowError attribute(Stage stage, Map<String, PlannedNode> nodes, Throwable error) {
        if (error instanceof NodeException nodeError) {
            return new FlowError(stage.root().id(), nodeError.code(), nodeError.getMessage());
        }
        String message = readable(String.valueOf(error.getMessage()));
        for (String id : stage.nodes()) {
            for (Path file : nodes.get(id).plan().sourceFiles()) {
                if (message.contains(file.toString()) || message.contains(file.getFileName().toString())) {
                    return new FlowError(id, NodeErrorCode.BAD_DATA, message);
                }
            }
        }
        var code = message.contains("Out of Memory") ? EngineErrorCode.OUT_OF_MEMORY : EngineErrorCode.NODE_FAILED;
        String fused = stage.nodes().size() > 1
                ? " (in the statement that computes " + String.join(", ", stage.nodes()) + ")" : "";
        FailedStatement failed = null;
        for (Throwable cause = error; cause != null && failed == null; cause = cause.getCause()) {
            failed = cause instanceof FailedStatement statement ? statement : null;
        }
        String blamed = failed != null && stage.nodes().size() > 1 ? StatementBlame.nodeAt(failed.sql(), message, stage.nodes()) : null;
        return new FlowError(blamed != null ? blamed : stage.root().id(), code, message + fused);
    }

    private static final java.util.regex.Pattern DETAILS = java.util.regex.Pattern.compile("\\{\"exception_type\".*\\}");

    /**
     * DuckDB's message without the JSON it appends to some errors ({@code {"exception_type": "IO",
     * "exception_message": "Could not write file ...: No space left on device", "errno": "28"}}):
     * that object's message stands in its place, followed by what a full disk means.
     */
    static String readable(String message) {
        var details = DETAILS.matcher(message);
        if (!details.find()) {
            return message;
        }
        String inner;
        try {
            inner = new com.fasterxml.jackson.databind.ObjectMapper().readTree(details.group()).path("exception_message").asText("");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return message;
        }
        if (inner.isBlank()) {
            return message;
        }
        String readable = message.substring(0, details.start()) + inner + message.substring(details.end());
        return readable.contains("No space left on device") ? readable + " (the disk is full)" : readable;
    }

    /** Runs a cell of a code node interactively ({@link ScriptStage#cell}). */
    void cell(PlannedNode node, String code, Connection connection, java.util.function.Function<RelationId, String> source) throws Exception {
        scripts.cell(node, code, connection, source);
    }
}
