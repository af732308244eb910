package io.flowfile.app.service;

import io.flowfile.app.api.ApiError;
import io.flowfile.app.api.Dtos.NodeOutcome;
import io.flowfile.app.api.Dtos.RunDto;
import io.flowfile.app.events.EventLog;
import io.flowfile.engine.exec.FlowError;
import io.flowfile.engine.exec.FlowRun;
import io.flowfile.engine.exec.NodeEvent;
import io.flowfile.engine.plan.ExecutionMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A run this server started: where it came from, its state, its nodes' outcomes and its events. */
public final class LiveRun {

    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    /** What ran: a draft, or a version of a registered flow. */
    public sealed interface Source {
        record Draft(UUID draftId, String name) implements Source {
        }

        record Version(String flow, int version) implements Source {
        }
    }

    private final UUID id;
    private final String owner;
    private final Source source;
    private final ExecutionMode mode;
    private final Map<String, String> parameters;
    private final String trigger;
    private final EventLog events;
    private final Instant queued = Instant.now();
    private final Map<String, NodeOutcome> nodes = new LinkedHashMap<>();
    private final List<FlowError> errors = new CopyOnWriteArrayList<>();
    private volatile State state = State.QUEUED;
    private volatile Instant started;
    private volatile Instant finished;
    private volatile FlowRun flowRun;
    private volatile boolean cancelRequested;
    /** Whether the end is visible to readers (after the draft's summary is saved and before the end event). */
    private volatile boolean published;
    private volatile String cancelReason;

    LiveRun(UUID id, String owner, Source source, ExecutionMode mode, Map<String, String> parameters, String trigger,
            List<String> nodeIds, int eventCapacity) {
        this.id = id;
        this.owner = owner;
        this.source = source;
        this.mode = mode;
        this.parameters = Map.copyOf(parameters);
        this.trigger = trigger;
        this.events = new EventLog(eventCapacity);
        nodeIds.forEach(node -> nodes.put(node, new NodeOutcome("pending", null, null, null, null, null)));
    }

    public UUID id() {
        return id;
    }

    public Instant queued() {
        return queued;
    }

    public String owner() {
        return owner;
    }

    public Source source() {
        return source;
    }

    public State state() {
        return state;
    }

    public EventLog events() {
        return events;
    }

    public boolean finished() {
        return published;
    }

    /** Makes the end visible: {@link #dto()} shows the final state from now on. */
    void publish() {
        published = true;
    }

    Optional<String> cancelReason() {
        return Optional.ofNullable(cancelReason);
    }

    /** Asks the run to stop; returns false when it had already finished. */
    synchronized boolean cancel(String reason) {
        if (finished != null) {
            return false;
        }
        if (!cancelRequested) {
            cancelRequested = true;
            cancelReason = reason;
        }
        FlowRun running = flowRun;
        if (running != null) {
            running.cancel();
        }
        return true;
    }

    synchronized boolean attach(FlowRun run) {
        this.flowRun = run;
        this.state = State.RUNNING;
        this.started = Instant.now();
        return !cancelRequested;
    }

    synchronized void onEvent(NodeEvent event) {
        String node = event.nodeId();
        NodeOutcome outcome = switch (event) {
            case NodeEvent.Queued queued -> new NodeOutcome("queued", null, null, null, null, null);
            case NodeEvent.Running running -> new NodeOutcome("running", null, null, null, null, null);
            case NodeEvent.Succeeded done -> new NodeOutcome("succeeded", done.rows() < 0 ? null : done.rows(),
                    done.duration().toMillis(), done.cached(), done.fusedInto(), null);
            case NodeEvent.Failed failed -> {
                errors.add(failed.error());
                yield new NodeOutcome("failed", null, null, null, null, failed.error().message());
            }
            case NodeEvent.Skipped skipped -> new NodeOutcome("skipped", null, null, null, null, skipped.reason());
            case NodeEvent.Cancelled cancelled -> new NodeOutcome("cancelled", null, null, null, null, null);
            case NodeEvent.Output output -> null;
            case NodeEvent.Exchanged exchanged -> null;
            case NodeEvent.Display display -> null;
        };
        if (outcome != null && node != null) {
            nodes.put(node, outcome);
        }
    }

    synchronized void finish(State state, List<FlowError> runErrors) {
        this.state = state;
        this.finished = Instant.now();
        for (FlowError error : runErrors) {
            if (!errors.contains(error)) {
                errors.add(error);
            }
        }
        this.flowRun = null;
    }

    /** The run as the API shows it: still running until its end is published. */
    public RunDto dto() {
        return dto(published);
    }

    /** The run with its final state, for the summary kept before the end is published. */
    RunDto summary() {
        return dto(true);
    }

    private synchronized RunDto dto(boolean showEnd) {
        State shownState = showEnd || state == State.QUEUED || state == State.RUNNING ? state : State.RUNNING;
        Instant shownFinished = showEnd ? finished : null;
        String sourceText = switch (source) {
            case Source.Draft draft -> "draft";
            case Source.Version version -> "version";
        };
        UUID draftId = source instanceof Source.Draft draft ? draft.draftId() : null;
        String flow = switch (source) {
            case Source.Draft draft -> draft.name();
            case Source.Version version -> version.flow();
        };
        Integer version = source instanceof Source.Version v ? v.version() : null;
        Long duration = started == null ? null : Duration.between(started, shownFinished != null ? shownFinished : Instant.now()).toMillis();
        List<ApiError.ProblemDto> problems = errors.stream()
                .map(error -> new ApiError.ProblemDto(error.nodeId(), null, error.code().code(), error.code().name(), error.message()))
                .toList();
        return new RunDto(id, shownState.name(), owner, sourceText, draftId, flow, version, trigger, mode.name().toLowerCase(java.util.Locale.ROOT),
                parameters, queued, started, shownFinished, duration, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes)), problems, events.lastId());
    }
}
