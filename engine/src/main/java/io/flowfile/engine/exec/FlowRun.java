package io.flowfile.engine.exec;

import io.flowfile.engine.EngineErrorCode;
import io.flowfile.engine.cache.ResultCache;
import io.flowfile.engine.duckdb.DuckDb;
import io.flowfile.engine.plan.ExecutionPlan;
import io.flowfile.engine.plan.Stage;
import io.flowfile.engine.validate.PlannedNode;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One run of a plan. Stages run on the engine's pool as soon as the stages they read have
 * succeeded; a failed stage skips what depends on it and lets independent branches finish;
 * {@link #cancel()} interrupts the running statements and cancels the rest. Materialised results
 * live in a schema of the run's own until {@link #close()}, so they can be read back (previews).
 */
public final class FlowRun implements AutoCloseable {

    private record Done(Stage stage, StageRunner.Outcome outcome, StageFailure failure, Duration duration) {
    }

    private final String id;
    private final ExecutionPlan plan;
    private final DuckDb duckDb;
    private final ExecutorService pool;
    private final ExecutorService scriptPool;
    private final RunListener listener;
    private final Map<String, PlannedNode> nodes = new LinkedHashMap<>();
    private final ConcurrentHashMap<RelationId, String> sources = new ConcurrentHashMap<>();
    private final Set<Statement> running = ConcurrentHashMap.newKeySet();
    /** Threads waiting on a kernel: a cancel interrupts them, which interrupts the cell. */
    private final Set<Thread> waitingOnKernels = new java.util.HashSet<>();
    private final Map<String, NodeEvent> outcomes = new ConcurrentHashMap<>();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final List<FlowError> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    private final String schema;
    private final StageRunner runner;
    private volatile boolean cancelled;

    /**
     * @param id         the run's id; a catalog that records the run gives it its own
     * @param pool       runs the stages that compute in DuckDB
     * @param scriptPool runs the stages of code nodes (they talk to kernels, whose client threads they may start)
     */
    public FlowRun(UUID id, ExecutionPlan plan, DuckDb duckDb, ResultCache cache, ExecutorService pool, ExecutorService scriptPool,
                   RunListener listener, ScriptSupport scripts) {
        this.id = id.toString();
        this.plan = plan;
        this.duckDb = duckDb;
        this.pool = pool;
        this.scriptPool = scriptPool;
        this.listener = listener;
        plan.flow().nodes().forEach(node -> nodes.put(node.id(), node));
        this.schema = "run_" + this.id.replace("-", "");
        this.runner = new StageRunner(plan, nodes, duckDb, cache, this.id, schema, sources, running, scripts, this::emit);
    }

    public String id() {
        return id;
    }

    /** A flow's identity on a kernel: its namespace there and the scope of its artifacts. */
    public static String flowId(io.flowfile.engine.validate.ValidatedFlow flow) {
        return StageRunner.flowId(flow);
    }

    /** Runs every stage; returns when all have finished, failed, been skipped or been cancelled. */
    public RunResult execute() {
        Instant start = Instant.now();
        createSchema();
        Map<String, Integer> remaining = new HashMap<>();
        for (Stage stage : plan.stages()) {
            stage.nodes().forEach(node -> remaining.merge(node, 1, Integer::sum));
        }
        nodes.keySet().stream().filter(remaining::containsKey).forEach(node -> emit(new NodeEvent.Queued(id, node, Instant.now())));
        var finished = new LinkedBlockingQueue<Future<Done>>();
        var completion = new ExecutorCompletionService<Done>(pool, finished);
        var scriptCompletion = new ExecutorCompletionService<Done>(scriptPool, finished); // the same queue: one take() sees both
        var pending = new ArrayList<>(plan.stages());
        var succeeded = new HashSet<Integer>();
        var blocked = new HashMap<Integer, String>();
        int inFlight = 0;
        while (true) {
            for (var iterator = pending.iterator(); iterator.hasNext(); ) {
                Stage stage = iterator.next();
                if (cancelled) {
                    finishNodes(stage, remaining, node -> new NodeEvent.Cancelled(id, node, Instant.now()));
                    iterator.remove();
                } else if (stage.dependsOn().stream().anyMatch(blocked::containsKey)) {
                    String reason = stage.dependsOn().stream().filter(blocked::containsKey).map(blocked::get).findFirst().orElseThrow();
                    blocked.put(stage.id(), reason);
                    finishNodes(stage, remaining, node -> new NodeEvent.Skipped(id, node, Instant.now(), reason));
                    iterator.remove();
                } else if (succeeded.containsAll(stage.dependsOn())) {
                    (stage.kind() == Stage.Kind.SCRIPT ? scriptCompletion : completion).submit(() -> runStage(stage));
                    inFlight++;
                    iterator.remove();
                }
            }
            if (inFlight == 0) {
                break;
            }
            Done done = take(completion);
            inFlight--;
            if (done.failure() == null) {
                succeeded.add(done.stage().id());
                succeed(done, remaining);
            } else {
                blocked.put(done.stage().id(), "an input failed: node '" + done.failure().error().nodeId() + "'");
                fail(done, remaining);
            }
        }
        RunResult.State state = cancelled ? RunResult.State.CANCELLED
                : errors.isEmpty() ? RunResult.State.SUCCEEDED : RunResult.State.FAILED;
        return new RunResult(id, state, Duration.between(start, Instant.now()), outcomes, errors);
    }

    private Done take(ExecutorCompletionService<Done> completion) {
        try {
            return completion.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new IllegalStateException("run " + id + " was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("stage task failed unexpectedly", e.getCause());
        }
    }

    private Done runStage(Stage stage) {
        Instant start = Instant.now();
        for (String node : stage.nodes()) {
            if (started.add(node)) {
                emit(new NodeEvent.Running(id, node, start));
            }
        }
        try {
            if (cancelled) {
                throw new StageFailure(new FlowError(stage.root().id(), EngineErrorCode.RUN_CANCELLED, "run cancelled"), true, null);
            }
            boolean script = stage.kind() == io.flowfile.engine.plan.Stage.Kind.SCRIPT;
            if (script) {
                synchronized (waitingOnKernels) {
                    waitingOnKernels.add(Thread.currentThread());
                }
            }
            StageRunner.Outcome outcome;
            try {
                if (cancelled) {
                    throw new StageFailure(new FlowError(stage.root().id(), EngineErrorCode.RUN_CANCELLED, "run cancelled"), true, null);
                }
                outcome = runner.run(stage);
            } finally {
                if (script) {
                    // Under the lock cancel() interrupts with: once removed, no interrupt of this run can
                    // reach the thread, and one that came late is cleared before the pool reuses it.
                    synchronized (waitingOnKernels) {
                        waitingOnKernels.remove(Thread.currentThread());
                        Thread.interrupted();
                    }
                }
            }
            return new Done(stage, outcome, null, Duration.between(start, Instant.now()));
        } catch (StageFailure failure) {
            return new Done(stage, null, failure, Duration.between(start, Instant.now()));
        } catch (Exception | OutOfMemoryError e) {
            var failure = new StageFailure(StageRunner.attribute(stage, nodes, e), cancelled, e);
            return new Done(stage, null, failure, Duration.between(start, Instant.now()));
        }
    }

    private void succeed(Done done, Map<String, Integer> remaining) {
        Stage stage = done.stage();
        for (String node : stage.nodes()) {
            if (remaining.merge(node, -1, Integer::sum) == 0) {
                boolean root = node.equals(stage.root().id());
                emit(new NodeEvent.Succeeded(id, node, Instant.now(), root ? done.outcome().rows() : -1, done.duration(),
                        done.outcome().cached(), root ? null : stage.root().id()));
            }
        }
    }

    private void fail(Done done, Map<String, Integer> remaining) {
        Stage stage = done.stage();
        FlowError error = done.failure().error();
        if (done.failure().cancelled() || cancelled) {
            finishNodes(stage, remaining, node -> new NodeEvent.Cancelled(id, node, Instant.now()));
            return;
        }
        errors.add(error);
        for (String node : stage.nodes()) {
            remaining.put(node, 0);
            if (node.equals(error.nodeId())) {
                emit(new NodeEvent.Failed(id, node, Instant.now(), error));
            } else {
                emit(new NodeEvent.Skipped(id, node, Instant.now(), "node '" + error.nodeId()
                        + "' failed in the statement this node was part of"));
            }
        }
    }

    private void finishNodes(Stage stage, Map<String, Integer> remaining, java.util.function.Function<String, NodeEvent> event) {
        for (String node : stage.nodes()) {
            if (remaining.getOrDefault(node, 0) > 0 && !outcomes.containsKey(node)) {
                remaining.put(node, 0);
                emit(event.apply(node));
            }
        }
    }

    private void emit(NodeEvent event) {
        boolean outcome = switch (event) {
            case NodeEvent.Succeeded succeeded -> true;
            case NodeEvent.Failed failed -> true;
            case NodeEvent.Skipped skipped -> true;
            case NodeEvent.Cancelled cancelled -> true;
            case NodeEvent.Queued queued -> false;
            case NodeEvent.Running running -> false;
            case NodeEvent.Output output -> false;
            case NodeEvent.Display display -> false;
            case NodeEvent.Exchanged exchanged -> false;
        };
        if (outcome) {
            outcomes.put(event.nodeId(), event);
        }
        listener.onEvent(event);
    }

    /**
     * After {@link #execute()} materialised a code node's inputs, runs {@code code} as a cell of that
     * node on its kernel, interactively (the notebook editor); {@link #cancel()} interrupts it.
     * What the cell prints and displays arrives as the run's events.
     *
     * @throws Exception the node's error (the cell raised: its traceback; the kernel is unavailable; ...)
     */
    public void executeCell(String nodeId, String code) throws Exception {
        PlannedNode node = nodes.get(nodeId);
        if (node == null || !(node.plan() instanceof io.flowfile.node.NodePlan.ScriptPlan)) {
            throw new IllegalArgumentException("node '" + nodeId + "' is not a code node of this run");
        }
        synchronized (waitingOnKernels) {
            if (cancelled) {
                throw new InterruptedException("the run was cancelled");
            }
            waitingOnKernels.add(Thread.currentThread());
        }
        try (Connection connection = duckDb.connect()) {
            runner.cell(node, code, connection, relation -> {
                String source = sources.get(relation);
                if (source == null) {
                    throw new IllegalStateException(relation + " was not materialised by run " + id);
                }
                return source;
            });
        } finally {
            synchronized (waitingOnKernels) {
                waitingOnKernels.remove(Thread.currentThread());
                Thread.interrupted(); // a cancel that came as the cell ended must not reach the pool thread's next task
            }
        }
    }

    /** Stops the run: running statements are interrupted, stages not started are cancelled. */
    public void cancel() {
        cancelled = true;
        synchronized (waitingOnKernels) {
            waitingOnKernels.forEach(Thread::interrupt);
        }
        for (Statement statement : running) {
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // the statement finished meanwhile
            }
        }
    }

    /**
     * The first {@code limit} rows of a relation this run materialised.
     *
     * @param asText whether every value is cast to VARCHAR (as DuckDB prints it)
     */
    public Table read(RelationId relation, int limit, boolean asText) {
        String source = sources.get(relation);
        if (source == null) {
            throw new IllegalArgumentException(relation + " was not materialised by run " + id);
        }
        try (Connection connection = duckDb.connect(); Statement statement = connection.createStatement()) {
            Schema actual = duckDb.describe("SELECT * FROM " + source);
            String columns = asText ? String.join(", ", actual.names().stream()
                    .map(name -> "CAST(" + Sql.identifier(name) + " AS VARCHAR) AS " + Sql.identifier(name)).toList()) : "*";
            var rows = new ArrayList<List<Object>>();
            try (ResultSet result = statement.executeQuery("SELECT " + columns + " FROM " + source + " LIMIT " + limit)) {
                int width = result.getMetaData().getColumnCount();
                while (result.next()) {
                    var row = new ArrayList<>(width);
                    for (int i = 1; i <= width; i++) {
                        row.add(result.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return new Table(actual, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + relation + ": " + e.getMessage(), e);
        }
    }

    /** Statistics of every column of a relation this run materialised, over all its rows. */
    public List<ColumnStatistics> statistics(RelationId relation) {
        String source = sources.get(relation);
        if (source == null) {
            throw new IllegalArgumentException(relation + " was not materialised by run " + id);
        }
        try (Connection connection = duckDb.connect(); Statement statement = connection.createStatement()) {
            Schema actual = duckDb.describe("SELECT * FROM " + source);
            var statistics = new ArrayList<ColumnStatistics>();
            for (var column : actual.columns()) {
                statistics.add(statistics(statement, source, column.name(), column.type()));
            }
            return statistics;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compute the statistics of " + relation + ": " + e.getMessage(), e);
        }
    }

    private static ColumnStatistics statistics(Statement statement, String source, String name, String type) throws SQLException {
        String column = Sql.identifier(name);
        String upper = type.toUpperCase(java.util.Locale.ROOT);
        boolean nested = upper.contains("[") || upper.startsWith("STRUCT") || upper.startsWith("MAP") || upper.startsWith("UNION");
        boolean numeric = upper.matches("(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)");
        String range = nested ? "NULL, NULL" : "CAST(min(" + column + ") AS VARCHAR), CAST(max(" + column + ") AS VARCHAR)";
        String mean = numeric ? "avg(CAST(" + column + " AS DOUBLE))" : "NULL";
        long count;
        long nonNull;
        long distinct;
        String min;
        String max;
        Double average;
        try (ResultSet result = statement.executeQuery("SELECT count(*), count(" + column + "), count(DISTINCT " + column + "), "
                + range + ", " + mean + " FROM " + source)) {
            result.next();
            count = result.getLong(1);
            nonNull = result.getLong(2);
            distinct = result.getLong(3);
            min = result.getString(4);
            max = result.getString(5);
            double value = result.getDouble(6);
            average = result.wasNull() ? null : value;
        }
        var top = new ArrayList<ColumnStatistics.ValueCount>();
        try (ResultSet result = statement.executeQuery("SELECT CAST(" + column + " AS VARCHAR) AS v, count(*) AS c FROM " + source
                + " WHERE " + column + " IS NOT NULL GROUP BY 1 ORDER BY c DESC, v LIMIT 5")) {
            while (result.next()) {
                top.add(new ColumnStatistics.ValueCount(result.getString(1), result.getLong(2)));
            }
        }
        return new ColumnStatistics(name, type, count, count - nonNull, distinct, min, max, average, top);
    }

    private void createSchema() {
        try (Connection connection = duckDb.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + Sql.identifier(schema));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the run schema: " + e.getMessage(), e);
        }
    }

    /** Drops the run's materialised results. */
    @Override
    public void close() {
        try (Connection connection = duckDb.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + Sql.identifier(schema) + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the run schema: " + e.getMessage(), e);
        }
    }
}
