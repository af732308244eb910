package io.flowfile.app.service;

import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.app.catalog.Catalog;
import io.flowfile.app.catalog.RunRecorder;
import io.flowfile.app.config.FlowfileConfig;
import io.flowfile.app.security.Access;
import io.flowfile.catalog.api.DraftRecord;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.engine.EngineErrorCode;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.exec.FlowError;
import io.flowfile.engine.exec.FlowRun;
import io.flowfile.engine.exec.NodeEvent;
import io.flowfile.engine.exec.RunResult;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.plan.ExecutionPlan;
import io.flowfile.engine.validate.ValidatedFlow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs of drafts and of registered versions, through one engine: started from the API, executed on
 * a bounded pool, their events kept per run for live and late subscribers. Runs of versions are
 * recorded in the catalog's run history; a draft keeps a summary of its last run. When the server
 * stops, running runs are cancelled and recorded as cancelled with the reason "server stopped".
 */
@ApplicationScoped
public class RunsService {

    private static final Logger LOG = Logger.getLogger(RunsService.class);
    public static final String SERVER_STOPPED = "server stopped";

    @Inject
    UserEngines engines;

    @Inject
    DraftsService drafts;

    @Inject
    Catalog catalog;

    @Inject
    Access access;

    @Inject
    KernelOwnership kernelOwnership;

    @Inject
    FlowfileConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    ServerInstance serverInstance;

    @Inject
    jakarta.enterprise.event.Event<RunEnded> ended;

    private final Map<UUID, LiveRun> runs = new ConcurrentHashMap<>();
    private final ArrayDeque<UUID> finishedOrder = new ArrayDeque<>();
    private ExecutorService executor;
    private volatile boolean stopping;

    private synchronized ExecutorService executor() {
        if (executor == null) {
            // at the process's priority: a run's DuckDB statements run at a lower one on the engine's stage threads
            // (EngineProducer); this thread starts others (a tick's webhook, its recorder), which would inherit it
            executor = Executors.newFixedThreadPool(config.server().concurrentRuns(),
                    Thread.ofPlatform().name("flowfile-run-", 1).daemon().factory());
        }
        return executor;
    }

    /** Starts a run of a draft as it is now. */
    public LiveRun startDraft(UserRecord user, UUID draftId, Map<String, String> parameters, String mode) {
        DraftRecord draft = drafts.get(user, draftId);
        FlowDocument document = drafts.document(draft);
        var source = new LiveRun.Source.Draft(draft.id(), draft.name());
        return start(user.username(), source, document, parameters, mode(mode), RunTrigger.API, Optional.empty(), null, run -> {
        });
    }

    /** Starts a run of a registered version, recorded in the catalog's run history. */
    public LiveRun startVersion(UserRecord user, String flow, int version, Map<String, String> parameters, String mode,
                                RunTrigger trigger) {
        FlowVersionRecord record = catalog.flows().version(flow, version);
        FlowDocument document = drafts.version(flow, version);
        var source = new LiveRun.Source.Version(flow, version);
        return start(user.username(), source, document, parameters, mode(mode), trigger, Optional.of(record), null, run -> {
        });
    }

    /**
     * Starts a run of a registered version for a schedule (trigger SCHEDULE, started by the
     * schedule's owner), in performance mode. {@code recorded} learns the run's id once the catalog
     * has it and before the run executes, so that the schedule knows its run before the run can end.
     */
    public LiveRun startScheduled(String owner, String flow, int version, Map<String, String> parameters, UUID scheduleId,
                                  java.util.function.Consumer<UUID> recorded) {
        FlowVersionRecord record = catalog.flows().version(flow, version);
        FlowDocument document = drafts.version(flow, version);
        var source = new LiveRun.Source.Version(flow, version);
        return start(owner, source, document, parameters, ExecutionMode.PERFORMANCE, RunTrigger.SCHEDULE, Optional.of(record), scheduleId,
                recorded);
    }

    /** Cancels a run this server holds, whoever started it (a schedule's overlap policy, its timeout). */
    public boolean cancel(UUID id, String reason) {
        LiveRun run = runs.get(id);
        return run != null && run.cancel(reason);
    }

    /** The runs this server holds that have not ended. */
    public java.util.List<UUID> unfinished() {
        return runs.values().stream().filter(run -> !run.finished()).map(LiveRun::id).toList();
    }

    /** Whether this server holds the run and it has not ended. */
    public boolean isRunning(UUID id) {
        LiveRun run = runs.get(id);
        return run != null && !run.finished();
    }

    private LiveRun start(String owner, LiveRun.Source source, FlowDocument document, Map<String, String> parameters,
                          ExecutionMode mode, RunTrigger trigger, Optional<FlowVersionRecord> version, UUID scheduleId,
                          java.util.function.Consumer<UUID> recorded) {
        if (stopping) {
            throw new ApiException(ServerErrorCode.SERVER_STOPPING, "the server is stopping and takes no new runs");
        }
        Map<String, String> values = parameters == null ? Map.of() : Map.copyOf(parameters);
        FlowEngine engine = engines.of(owner); // the run's code nodes reach the owner's kernels only
        ValidatedFlow validated = drafts.validate(owner, document, values);
        kernelOwnership.require(owner, validated); // a 404 before any other problem
        if (!validated.valid()) {
            throw new FlowException(validated.problems());
        }
        ExecutionPlan plan = engine.plan(validated, mode);
        Optional<RunRecorder> recorder = version.map(found -> {
            var types = new HashMap<String, String>();
            document.nodes().forEach(node -> types.put(node.id(), node.type()));
            return RunRecorder.start(catalog, found, values, types, trigger, owner, scheduleId, serverInstance.id().orElse(null));
        });
        UUID id = recorder.map(recording -> recording.run().id()).orElseGet(UUID::randomUUID);
        List<String> nodeIds = validated.nodes().stream().map(node -> node.id()).toList();
        LiveRun run = new LiveRun(id, owner, source, mode, values, trigger.name(), nodeIds, config.server().runEvents());
        runs.put(id, run);
        run.events().append("run", Map.of("state", "queued", "run", run.dto()));
        recorded.accept(id);
        executor().execute(() -> execute(engine, run, plan, recorder, version, scheduleId));
        return run;
    }

    private void execute(FlowEngine engine, LiveRun live, ExecutionPlan plan, Optional<RunRecorder> recorder, Optional<FlowVersionRecord> version,
                         UUID scheduleId) {
        Timer.Sample sample = Timer.start(metrics);
        RunResult result = null;
        try (FlowRun run = engine.start(plan, event -> onEvent(live, recorder, event), live.id())) {
            if (!live.attach(run)) {
                run.cancel();
            }
            live.events().append("run", Map.of("state", "running"));
            result = run.execute();
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "run %s broke", live.id());
            recorder.ifPresent(recording -> recording.crashed(e));
            live.finish(LiveRun.State.FAILED, List.of(new FlowError(null, EngineErrorCode.RUN_CRASHED, "the run broke: " + e)));
        }
        if (result != null) {
            LiveRun.State state = switch (result.state()) {
                case SUCCEEDED -> LiveRun.State.SUCCEEDED;
                case FAILED -> LiveRun.State.FAILED;
                case CANCELLED -> LiveRun.State.CANCELLED;
            };
            Optional<String> reason = live.cancelReason();
            RunResult ended = result;
            recorder.ifPresent(recording -> (state == LiveRun.State.CANCELLED && reason.isPresent()
                    ? recording.finishCancelled(reason.get()) : recording.finish(ended))
                    .ifPresent(failure -> LOG.warnf("the catalog could not record all of run %s: %s", live.id(), failure.getMessage())));
            live.finish(state, result.errors());
        }
        sample.stop(metrics.timer("flowfile.run.duration", "state", live.state().name().toLowerCase(Locale.ROOT)));
        metrics.counter("flowfile.runs", "state", live.state().name().toLowerCase(Locale.ROOT)).increment();
        if (live.source() instanceof LiveRun.Source.Draft draft) {
            try {
                drafts.setLastRun(draft.draftId(), live.summary());
            } catch (RuntimeException e) {
                LOG.warnf("the last run of draft %s is not kept with it: %s", draft.draftId(), e.getMessage());
            }
        }
        end(live);
        version.ifPresent(ran -> announce(live, ran, scheduleId));
    }

    /** Tells who follows runs (schedules) that a run of a registered version ended. */
    private void announce(LiveRun live, FlowVersionRecord version, UUID scheduleId) {
        String message = live.state() == LiveRun.State.SUCCEEDED ? null
                : live.cancelReason().orElseGet(() -> live.summary().errors() == null || live.summary().errors().isEmpty() ? null
                : live.summary().errors().getFirst().message());
        try {
            ended.fire(new RunEnded(live.id(), version.name(), version.version(), live.state().name(), message, scheduleId,
                    java.time.Instant.now()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "following the end of run %s failed", live.id());
        }
    }

    /** Makes the run's end visible, sends its end event, closes its log and lets it go in time. */
    private void end(LiveRun live) {
        Map<String, Object> end = new java.util.LinkedHashMap<>();
        end.put("state", live.state().name().toLowerCase(Locale.ROOT));
        live.cancelReason().ifPresent(reason -> end.put("reason", reason));
        end.put("run", live.summary());
        live.publish();
        live.events().append("end", end);
        live.events().close();
        retire(live.id());
    }

    private void onEvent(LiveRun live, Optional<RunRecorder> recorder, NodeEvent event) {
        live.onEvent(event);
        recorder.ifPresent(recording -> recording.onEvent(event));
        if (event instanceof NodeEvent.Succeeded succeeded && succeeded.fusedInto() == null) {
            metrics.timer("flowfile.node.duration").record(succeeded.duration());
        }
        live.events().append(RunEvents.name(event), RunEvents.data(event));
    }

    /** Starts a cell of a code node (the notebook editor): a run of the node's upstream, then the cell. */
    LiveRun startCell(UserRecord user, UUID draftId, CellsService.CodeNode target, String code) {
        if (stopping) {
            throw new ApiException(ServerErrorCode.SERVER_STOPPING, "the server is stopping and takes no new runs");
        }
        String name = target.flow().document().name();
        LiveRun run = new LiveRun(UUID.randomUUID(), user.username(), new LiveRun.Source.Draft(draftId, name), ExecutionMode.DEVELOPMENT,
                Map.of(), "CELL", List.of(target.node().id()), config.server().runEvents());
        runs.put(run.id(), run);
        run.events().append("run", Map.of("state", "queued", "cell", true, "run", run.dto()));
        FlowEngine engine = engines.of(user.username());
        executor().execute(() -> executeCell(engine, run, target, code));
        return run;
    }

    private void executeCell(FlowEngine engine, LiveRun live, CellsService.CodeNode target, String code) {
        LiveRun.State state = LiveRun.State.SUCCEEDED;
        List<FlowError> errors = List.of();
        try {
            engine.executeCell(target.flow(), target.node().id(), code, event -> {
                if (event instanceof NodeEvent.Output || event instanceof NodeEvent.Display || event instanceof NodeEvent.Exchanged
                        || event.nodeId() == null || !event.nodeId().equals(target.node().id())) {
                    live.events().append(RunEvents.name(event), RunEvents.data(event));
                }
            }, live.id(), run -> {
                if (!live.attach(run)) {
                    run.cancel();
                }
                live.events().append("run", Map.of("state", "running"));
            });
        } catch (InterruptedException e) {
            state = LiveRun.State.CANCELLED;
        } catch (FlowException e) {
            state = LiveRun.State.FAILED;
            errors = e.problems().stream().map(problem -> new FlowError(problem.nodeId(), problem.code(), problem.message())).toList();
        } catch (Exception e) {
            state = live.cancelReason().isPresent() ? LiveRun.State.CANCELLED : LiveRun.State.FAILED;
            io.flowfile.node.ErrorCode errorCode = e instanceof io.flowfile.node.NodeException node ? node.code() : EngineErrorCode.NODE_FAILED;
            errors = List.of(new FlowError(target.node().id(), errorCode, String.valueOf(e.getMessage())));
        }
        live.finish(state, errors);
        end(live);
    }

    /** Keeps at most the configured number of finished runs in memory (oldest go first). */
    private synchronized void retire(UUID id) {
        finishedOrder.addLast(id);
        while (finishedOrder.size() > config.server().finishedRuns()) {
            runs.remove(finishedOrder.removeFirst());
        }
    }

    public LiveRun get(UserRecord user, UUID id) {
        LiveRun run = runs.get(id);
        if (run == null || !access.maySee(user, run.owner())) {
            throw new ApiException(ServerErrorCode.RUN_NOT_FOUND, "run " + id + " not found (the server keeps the last "
                    + config.server().finishedRuns() + " finished runs; runs of registered flows are in GET /api/flows/{name}/runs)");
        }
        return run;
    }

    /** The runs this server holds that {@code user} may see, newest first. */
    public List<LiveRun> list(UserRecord user) {
        return runs.values().stream().filter(run -> access.maySee(user, run.owner()))
                .sorted(Comparator.comparing(LiveRun::queued).reversed()).toList();
    }

    public LiveRun cancel(UserRecord user, UUID id) {
        LiveRun run = get(user, id);
        run.cancel("cancelled by " + user.username());
        return run;
    }

    /** The server stops: no new runs; running ones are cancelled and recorded with the reason. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        runs.values().forEach(run -> run.cancel(SERVER_STOPPED));
        ExecutorService pool;
        synchronized (this) {
            pool = executor;
        }
        if (pool != null) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
                    LOG.warn("runs did not end within 20 s of the server stopping");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static ExecutionMode mode(String text) {
        if (text == null || text.isBlank()) {
            return ExecutionMode.PERFORMANCE;
        }
        try {
            return ExecutionMode.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "mode must be performance or development, was '" + text + "'");
        }
    }
}
