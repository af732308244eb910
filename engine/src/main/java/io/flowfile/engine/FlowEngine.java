package io.flowfile.engine;

import io.flowfile.engine.arrow.ArrowExchange;
import io.flowfile.engine.exec.ScriptSupport;
import io.flowfile.engine.validate.ScriptSchemas;
import io.flowfile.node.KernelGateway;
import java.util.Optional;
import io.flowfile.engine.cache.ResultCache;
import io.flowfile.engine.duckdb.DuckDb;
import io.flowfile.engine.exec.FlowRun;
import io.flowfile.engine.exec.RunListener;
import io.flowfile.engine.exec.RunResult;
import io.flowfile.engine.exec.Table;
import io.flowfile.engine.flow.FlowCodec;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.plan.ExecutionPlan;
import io.flowfile.engine.plan.Planner;
import io.flowfile.engine.registry.NodeRegistry;
import io.flowfile.engine.registry.SettingsCodec;
import io.flowfile.engine.validate.FlowValidator;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.engine.validate.ValidatedFlow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine: load, validate, plan, run and preview flows. Thread-safe; one per process is enough.
 */
public final class FlowEngine implements AutoCloseable {

    private final SettingsCodec settingsCodec;
    private final FlowCodec flowCodec;
    private final DuckDb duckDb;
    private final ResultCache cache;
    private final FlowValidator validator;
    private final Planner planner;
    private final ExecutorService pool;
    /** Runs the stages of code nodes, at the process's own priority (see {@link #create(EngineConfig, NodeRegistry, Runnable)}). */
    private final ExecutorService scriptPool;

    private final ScriptSupport scripts;
    private final PreviewMemo previews;
    /** Whether this engine opened DuckDB, the pool and the Arrow exchange (and so closes them), not a view of another. */
    private final boolean owner;

    private FlowEngine(EngineConfig config, NodeRegistry registry, Optional<KernelGateway> kernels) {
        this(config, registry, kernels, () -> {
        });
    }

    private FlowEngine(EngineConfig config, NodeRegistry registry, Optional<KernelGateway> kernels, Runnable stageThreadStart) {
        Objects.requireNonNull(registry, "registry is null");
        this.settingsCodec = new SettingsCodec();
        this.flowCodec = new FlowCodec();
        this.planner = new Planner();
        Path spill = config.dataDirectory().resolve("spill");
        try {
            Files.createDirectories(spill);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDirectory(), e);
        }
        Path cacheDirectory = config.dataDirectory().resolve("cache");
        var allowed = config.fileRoots().map(roots -> java.util.stream.Stream.concat(roots.stream(), java.util.stream.Stream.of(cacheDirectory)).toList());
        this.duckDb = DuckDb.open(new DuckDb.Settings(config.duckDbThreads(), config.memoryLimit(), spill, allowed));
        this.cache = new ResultCache(cacheDirectory, config.cacheMaxBytes());
        ScriptSchemas scriptSchemas = ScriptSchemas.onDisk(config.dataDirectory().resolve("schemas"));
        this.scripts = new ScriptSupport(kernels, scriptSchemas, new ArrowExchange());
        this.validator = new FlowValidator(registry, settingsCodec, duckDb, kernels, scriptSchemas, config.fileRoots(),
                List.of(cacheDirectory, spill, config.dataDirectory().resolve("schemas")));
        this.pool = stagePool(config.parallelism(), "flowfile-stage-", stageThreadStart);
        this.scriptPool = stagePool(config.parallelism(), "flowfile-script-", () -> {
        });
        this.previews = new PreviewMemo(PreviewMemo.BYTES);
        this.owner = true;
    }

    /** Daemon threads with DuckDB's stack size, each running {@code threadStart} first (a failing one does not lose the thread). */
    private static ExecutorService stagePool(int threads, String name, Runnable threadStart) {
        var counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Runnable started = () -> {
                try {
                    threadStart.run();
                } catch (RuntimeException | Error e) {
                    // the thread works as it is: a start hook that fails must not lose the stage
                }
                runnable.run();
            };
            Thread thread = new Thread(null, started, name + counter.incrementAndGet(), DuckDb.THREAD_STACK_BYTES);
            thread.setDaemon(true);
            return thread;
        });
    }

    private FlowEngine(FlowEngine base, KernelGateway kernels) {
        this.settingsCodec = base.settingsCodec;
        this.flowCodec = base.flowCodec;
        this.planner = base.planner;
        this.duckDb = base.duckDb;
        this.cache = base.cache;
        this.pool = base.pool;
        this.scriptPool = base.scriptPool;
        this.scripts = new ScriptSupport(Optional.of(kernels), base.scripts.schemas(), base.scripts.arrow());
        this.validator = base.validator.withKernels(kernels);
        this.previews = base.previews;
        this.owner = false;
    }

    public static FlowEngine create(EngineConfig config, NodeRegistry registry) {
        return new FlowEngine(config, registry, Optional.empty());
    }

    /**
     * An engine whose stage threads (they run the DuckDB statements of runs and previews) each run
     * {@code stageThreadStart} first: a server lowers their CPU priority there, so that computing
     * yields to answering requests. Stages of code nodes run on threads of their own, which it leaves
     * alone: a thread's priority passes to the threads it starts, and those stages start kernels'
     * client threads.
     */
    public static FlowEngine create(EngineConfig config, NodeRegistry registry, Runnable stageThreadStart) {
        return new FlowEngine(config, registry, Optional.empty(), Objects.requireNonNull(stageThreadStart, "stageThreadStart is null"));
    }

    /** An engine whose code nodes (Python Script) run on kernels reached through {@code kernels}. */
    public static FlowEngine create(EngineConfig config, NodeRegistry registry, KernelGateway kernels) {
        return new FlowEngine(config, registry, Optional.of(kernels));
    }

    /**
     * This engine (its DuckDB, cache and pool) with code nodes reaching kernels through {@code kernels}
     * instead: validation, runs, previews and cells of the view see no other kernel. An application
     * gives each user a view of its kernels only. Closing the view closes nothing; the engine it came
     * from must outlive it.
     */
    public FlowEngine withKernels(KernelGateway kernels) {
        Objects.requireNonNull(kernels, "kernels is null");
        return new FlowEngine(this, kernels);
    }

    public FlowCodec flowCodec() {
        return flowCodec;
    }

    public SettingsCodec settingsCodec() {
        return settingsCodec;
    }

    /** Reads a flow file; relative paths in its settings resolve against its directory. */
    public FlowDocument load(Path file) {
        return flowCodec.read(file);
    }

    /** As {@link #load(Path)}, from the file's bytes read before: what is validated is what was read. */
    public FlowDocument load(Path file, byte[] bytes) {
        return flowCodec.read(file, bytes);
    }

    public ValidatedFlow validate(FlowDocument document, Path baseDir, Map<String, String> parameters) {
        return validator.validate(document, baseDir.toAbsolutePath().normalize(), parameters);
    }

    public ExecutionPlan plan(ValidatedFlow flow, ExecutionMode mode) {
        return planner.plan(flow, mode, Set.of());
    }

    /** A run of {@code plan}, not yet started: call {@link FlowRun#execute()}, then close it. */
    public FlowRun start(ExecutionPlan plan, RunListener listener) {
        return start(plan, listener, UUID.randomUUID());
    }

    /** {@link #start(ExecutionPlan, RunListener)} under a given run id (e.g. the id a catalog recorded the run under). */
    public FlowRun start(ExecutionPlan plan, RunListener listener, UUID runId) {
        return new FlowRun(Objects.requireNonNull(runId, "runId is null"), plan, duckDb, cache, pool, scriptPool, listener, scripts);
    }

    /** Plans and runs a validated flow to the end. */
    public RunResult run(ValidatedFlow flow, ExecutionMode mode, RunListener listener) {
        try (FlowRun run = start(plan(flow, mode), listener)) {
            return run.execute();
        }
    }

    /**
     * The first {@code limit} rows of one output of one node, computing only what it needs (from
     * the cache where it can).
     *
     * @throws FlowException when the run fails
     */
    public Table preview(ValidatedFlow flow, RelationId relation, int limit, ExecutionMode mode, boolean asText) {
        return preview(flow, relation, limit, mode, asText, RunListener.NONE);
    }

    /**
     * {@link #preview}, telling {@code listener} what the nodes do (a code node's printed lines, its logs).
     * A relation whose result is cached (every one in development mode but code nodes and what follows
     * them) is read once per content key: asked again, the rows come from memory and nothing runs.
     */
    public Table preview(ValidatedFlow flow, RelationId relation, int limit, ExecutionMode mode, boolean asText, RunListener listener) {
        ExecutionPlan plan = planner.plan(flow, mode, Set.of(relation));
        Optional<PreviewMemo.Key> key = PreviewMemo.key(plan, relation, limit, asText);
        Optional<Table> known = key.flatMap(previews::get);
        if (known.isPresent()) {
            return known.get();
        }
        try (FlowRun run = start(plan, listener)) {
            RunResult result = run.execute();
            if (!result.succeeded()) {
                throw new FlowException(result.errors().stream()
                        .map(error -> new Problem(error.nodeId(), null, error.code(), error.message())).toList());
            }
            Table table = run.read(relation, limit, asText);
            key.ifPresent(found -> previews.put(found, table));
            return table;
        }
    }

    /**
     * Statistics of every column of one output of one node over all its rows, computing only what
     * it needs (from the cache where it can).
     *
     * @throws FlowException when the run fails
     */
    public java.util.List<io.flowfile.engine.exec.ColumnStatistics> statistics(ValidatedFlow flow, RelationId relation, ExecutionMode mode) {
        ExecutionPlan plan = planner.plan(flow, mode, Set.of(relation));
        try (FlowRun run = start(plan, RunListener.NONE)) {
            RunResult result = run.execute();
            if (!result.succeeded()) {
                throw new FlowException(result.errors().stream()
                        .map(error -> new Problem(error.nodeId(), null, error.code(), error.message())).toList());
            }
            return run.statistics(relation);
        }
    }

    /**
     * Runs {@code code} as a cell of code node {@code nodeId} on its kernel, interactively: first
     * whatever the node's inputs need (development mode: from the cache where it can), then the cell
     * in the flow's namespace with the inputs readable by {@code flowfile.read_input()}. Its output
     * arrives as {@code listener}'s events; cancel it through {@code started}.
     *
     * @throws FlowException when the inputs cannot be computed
     * @throws Exception     the cell's own failure (its traceback), or the kernel's
     */
    public void executeCell(ValidatedFlow flow, String nodeId, String code, RunListener listener, UUID runId,
                            java.util.function.Consumer<FlowRun> started) throws Exception {
        var node = flow.node(nodeId).orElseThrow(() -> new IllegalArgumentException("no node '" + nodeId + "' in the flow"));
        ExecutionPlan plan = planner.plan(flow, ExecutionMode.DEVELOPMENT, Set.copyOf(node.upstream()));
        try (FlowRun run = start(plan, listener, runId)) {
            started.accept(run);
            if (!node.upstream().isEmpty()) { // no inputs: nothing to compute first (empty targets would plan the whole flow)
                RunResult result = run.execute();
                if (!result.succeeded()) {
                    throw new FlowException(result.errors().stream()
                            .map(error -> new Problem(error.nodeId(), null, error.code(), error.message())).toList());
                }
            }
            run.executeCell(nodeId, code);
        }
    }

    @Override
    public void close() {
        if (!owner) {
            return;
        }
        pool.shutdownNow();
        scriptPool.shutdownNow();
        duckDb.close();
        scripts.arrow().close();
    }
}
