package io.flowfile.app.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowfile.catalog.api.DisplayOutput;
import io.flowfile.catalog.api.FlowRecord;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.NodeResult;
import io.flowfile.catalog.api.NodeState;
import io.flowfile.catalog.api.RunError;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.RunState;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.engine.EngineErrorCode;
import io.flowfile.engine.exec.FlowError;
import io.flowfile.engine.exec.NodeEvent;
import io.flowfile.engine.exec.RunListener;
import io.flowfile.engine.exec.RunResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Keeps a run of a registered flow in the catalog: the run against the exact version that ran, each
 * node's outcome as it happens, what code nodes displayed, and the final state. A catalog that fails
 * while the run goes on does not stop the run; the first such failure is reported at the end (a
 * display the catalog refuses does not stop the recording of the rest).
 */
public final class RunRecorder implements RunListener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(RunRecorder.class);
    /** Longest {@link #finish} waits for the events still queued. */
    private static final Duration WRITE_WAIT = Duration.ofSeconds(60);
    /** How long a write is tried again while the catalog's database cannot be reached. */
    private static final Duration RETRY_FOR = Duration.ofSeconds(30);

    private final Catalog catalog;
    private final RunRecord run;
    private final Map<String, String> nodeTypes;
    private volatile RuntimeException failure;
    private volatile RuntimeException displayFailure;
    private final AtomicInteger displays = new AtomicInteger();
    /** When each node started running; written and read on the writer thread only. */
    private final Map<String, java.time.Instant> started = new java.util.HashMap<>();
    /** Writes the events to the catalog, one at a time, off the engine's threads. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("flowfile-run-recorder").daemon().factory());

    private RunRecorder(Catalog catalog, RunRecord run, Map<String, String> nodeTypes) {
        this.catalog = catalog;
        this.run = run;
        this.nodeTypes = nodeTypes;
    }

    /** What the catalog says about a flow file about to run. */
    public sealed interface Registration {
        /** No flow of that name is registered: the run is not recorded. */
        record NotRegistered(String name) implements Registration {
        }

        /** The flow is registered but the file is none of its versions: the run is not recorded. */
        record Changed(FlowRecord flow) implements Registration {
        }

        /** The file is this registered version. */
        record Registered(FlowVersionRecord version) implements Registration {
        }
    }

    /** Which registered version of flow {@code name}, if any, has exactly these bytes. */
    public static Registration registration(Catalog catalog, String name, byte[] document) {
        Optional<FlowRecord> flow = catalog.flows().find(name);
        if (flow.isEmpty()) {
            return new Registration.NotRegistered(name);
        }
        return catalog.flows().findVersion(name, document).<Registration>map(Registration.Registered::new)
                .orElseGet(() -> new Registration.Changed(flow.get()));
    }

    /** Records a new CLI run of {@code version}, already running. */
    public static RunRecorder start(Catalog catalog, FlowVersionRecord version, Map<String, String> parameters,
                                    Map<String, String> nodeTypes) {
        return start(catalog, version, parameters, nodeTypes, RunTrigger.CLI);
    }

    /** Records a new run of {@code version} started by {@code trigger}, already running; who started it is not known. */
    public static RunRecorder start(Catalog catalog, FlowVersionRecord version, Map<String, String> parameters,
                                    Map<String, String> nodeTypes, RunTrigger trigger) {
        return start(catalog, version, parameters, nodeTypes, trigger, null);
    }

    /**
     * Records a new run of {@code version} started by {@code trigger}, already running.
     *
     * @param startedBy the name of the user who started it (a server user), or null when not known
     */
    public static RunRecorder start(Catalog catalog, FlowVersionRecord version, Map<String, String> parameters,
                                    Map<String, String> nodeTypes, RunTrigger trigger, String startedBy) {
        return start(catalog, version, parameters, nodeTypes, trigger, startedBy, null);
    }

    /**
     * Records a new run of {@code version} started by {@code trigger}, already running.
     *
     * @param startedBy  the name of the user who started it (a schedule's owner), or null when not known
     * @param scheduleId the schedule that started it, or null
     */
    public static RunRecorder start(Catalog catalog, FlowVersionRecord version, Map<String, String> parameters,
                                    Map<String, String> nodeTypes, RunTrigger trigger, String startedBy, java.util.UUID scheduleId) {
        return start(catalog, version, parameters, nodeTypes, trigger, startedBy, scheduleId, null);
    }

    /**
     * Records a new run of {@code version} started by {@code trigger}, already running on server
     * instance {@code serverInstance} (null: none known).
     */
    public static RunRecorder start(Catalog catalog, FlowVersionRecord version, Map<String, String> parameters,
                                    Map<String, String> nodeTypes, RunTrigger trigger, String startedBy, java.util.UUID scheduleId,
                                    String serverInstance) {
        // the instance goes in with the run: a server killed before the run is marked running leaves no run nobody ends
        RunRecord run = catalog.runs().start(version.id(), trigger, parameters, startedBy, scheduleId, serverInstance);
        catalog.runs().markRunning(run.id());
        return new RunRecorder(catalog, run, Map.copyOf(nodeTypes));
    }

    public RunRecord run() {
        return run;
    }

    /** How many displays the catalog kept with the run so far. */
    public int displaysKept() {
        return displays.get();
    }

    /**
     * Hands the event to the recorder's own thread (the engine's threads must not wait for the
     * database); events are written in the order they came.
     */
    @Override
    public void onEvent(NodeEvent event) {
        java.time.Instant at = java.time.Instant.now(); // when it happened, not when the writer gets to it
        writer.execute(() -> write(event, at));
    }

    private void write(NodeEvent event, java.time.Instant at) {
        NodeResult result = switch (event) {
            case NodeEvent.Succeeded succeeded -> result(event.nodeId(), NodeState.SUCCEEDED,
                    succeeded.rows(), succeeded.duration().toMillis(), null, succeeded.cached(), at);
            case NodeEvent.Failed failed -> result(event.nodeId(), NodeState.FAILED, -1, -1, error(failed.error()), false, at);
            case NodeEvent.Skipped skipped -> result(event.nodeId(), NodeState.SKIPPED, -1, -1, null, false, at);
            case NodeEvent.Cancelled cancelled -> result(event.nodeId(), NodeState.CANCELLED, -1, -1, null, false, at);
            case NodeEvent.Running running -> {
                started.put(event.nodeId(), at);
                yield result(event.nodeId(), NodeState.RUNNING, -1, -1, null, false, null);
            }
            case NodeEvent.Queued queued -> null;
            case NodeEvent.Output output -> null;
            case NodeEvent.Exchanged exchanged -> null;
            case NodeEvent.Display display -> {
                keep(display);
                yield null;
            }
        };
        if (result == null || failure != null) {
            return;
        }
        try {
            whileUnreachable(() -> catalog.runs().recordNode(run.id(), result));
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void keep(NodeEvent.Display display) {
        if (failure != null) {
            return;
        }
        try {
            Map<String, String> bundle = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : display.bundle().entrySet()) {
                Object value = entry.getValue();
                bundle.put(entry.getKey(), value instanceof String text ? text : JSON.writeValueAsString(value));
            }
            String title = display.title() == null ? null : display.title().substring(0, Math.min(display.title().length(), DisplayOutput.MAX_TITLE));
            catalog.runOutputs().record(run.id(), new DisplayOutput(display.nodeId(), title, bundle));
            displays.incrementAndGet();
        } catch (JsonProcessingException | RuntimeException e) {
            if (displayFailure == null) {
                displayFailure = e instanceof RuntimeException runtime ? runtime : new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    /**
     * Records the run's final state.
     *
     * @return the catalog's failure while recording, if there was one
     */
    public Optional<RuntimeException> finish(RunResult result) {
        RunState state = switch (result.state()) {
            case SUCCEEDED -> RunState.SUCCEEDED;
            case FAILED -> RunState.FAILED;
            case CANCELLED -> RunState.CANCELLED;
        };
        return finish(state, result.errors().isEmpty() ? null : error(result.errors().getFirst()));
    }

    /**
     * Records that the run was cancelled, and why (e.g. "server stopped").
     *
     * @return the catalog's failure while recording, if there was one
     */
    public Optional<RuntimeException> finishCancelled(String reason) {
        EngineErrorCode code = EngineErrorCode.RUN_CANCELLED;
        return finish(RunState.CANCELLED, new RunError(code.code(), code.name(), reason));
    }

    /**
     * Records that the run broke before it had a result (the engine threw): failed, with what it threw.
     *
     * @return the catalog's failure while recording, if there was one
     */
    public Optional<RuntimeException> crashed(Throwable cause) {
        EngineErrorCode code = EngineErrorCode.RUN_CRASHED;
        return finish(RunState.FAILED, new RunError(code.code(), code.name(), "the run broke: " + cause));
    }

    private Optional<RuntimeException> finish(RunState state, RunError error) {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(WRITE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                writer.shutdownNow();
                failure = failure != null ? failure : new IllegalStateException("the catalog did not take the run's events within "
                        + WRITE_WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            whileUnreachable(() -> catalog.runs().finish(run.id(), state, error));
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }
        return Optional.ofNullable(failure != null ? failure : displayFailure);
    }

    /**
     * Runs a catalog write, and again while the database cannot be reached (SQLSTATE class 08: it is
     * restarting, or the connection broke), for at most {@link #RETRY_FOR}: a run's record catches up
     * with the run instead of staying RUNNING. Other failures are thrown at once.
     */
    static void whileUnreachable(Runnable write) {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        for (long pause = 250; ; pause = Math.min(pause * 2, 4_000)) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                if (!unreachable(e) || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
                    throw e;
                }
                LOG.warnf("the catalog cannot be reached (%s): writing again in %d ms", e.getMessage(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean unreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** @param finishedAt when the node ended; null while it runs */
    private NodeResult result(String nodeId, NodeState state, long rows, long millis, RunError error, boolean cached,
                              java.time.Instant finishedAt) {
        java.time.Instant startedAt = started.get(nodeId);
        if (startedAt == null && finishedAt != null && millis >= 0) {
            startedAt = finishedAt.minusMillis(millis); // a node whose start was not told (a cached result)
        }
        return new NodeResult(nodeId, nodeTypes.getOrDefault(nodeId, "unknown"), state, rows, millis, error, cached, startedAt,
                finishedAt);
    }

    private static RunError error(FlowError error) {
        return new RunError(error.code().code(), error.code().name(), error.message());
    }
}
