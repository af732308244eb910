package io.flowfile.catalog.run;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.FlowRecord;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.NodeResult;
import io.flowfile.catalog.api.RunError;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.RunState;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Conflicts;
import io.flowfile.catalog.internal.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs of registered flow versions and their per-node results. A run is QUEUED when started, RUNNING
 * once marked so (or once a node reports), and ends SUCCEEDED, FAILED or CANCELLED; a finished run
 * takes no more changes.
 */
@ApplicationScoped
public class RunService {

    public static final int MAX_LIST = 1000;

    private final FlowService flows;
    private final RunRepository runs;
    private final RunNodeRepository nodes;

    public RunService(FlowService flows, RunRepository runs, RunNodeRepository nodes) {
        this.flows = flows;
        this.runs = runs;
        this.nodes = nodes;
    }

    /** Records a new run of the flow version, QUEUED, started by nobody known. */
    @Transactional
    public RunRecord start(UUID flowVersionId, RunTrigger trigger, Map<String, String> parameters) {
        return start(flowVersionId, trigger, parameters, null);
    }

    /**
     * Records a new run of the flow version, QUEUED.
     *
     * @param startedBy the name of the user who started it, or null when not known
     */
    @Transactional
    public RunRecord start(UUID flowVersionId, RunTrigger trigger, Map<String, String> parameters, String startedBy) {
        return start(flowVersionId, trigger, parameters, startedBy, null);
    }

    /**
     * Records a new run of the flow version, QUEUED.
     *
     * @param startedBy  the name of the user who started it (a schedule's owner), or null when not known
     * @param scheduleId the schedule that started it, or null
     */
    @Transactional
    public RunRecord start(UUID flowVersionId, RunTrigger trigger, Map<String, String> parameters, String startedBy, UUID scheduleId) {
        return start(flowVersionId, trigger, parameters, startedBy, scheduleId, null);
    }

    /**
     * Records a new run of the flow version, QUEUED, on server instance {@code serverInstance}: should
     * that instance stop being alive before the run ends, {@link #failOrphans} ends it (queued or running).
     *
     * @param serverInstance the cluster instance of the server running it, or null (the command line)
     */
    @Transactional
    public RunRecord start(UUID flowVersionId, RunTrigger trigger, Map<String, String> parameters, String startedBy, UUID scheduleId,
                           String serverInstance) {
        Checks.notNull(trigger, "trigger");
        if (startedBy != null) {
            Checks.username(startedBy, "user who started the run");
        }
        Map<String, String> checked = parameters == null ? Map.of() : parameters;
        checked.forEach((name, value) -> {
            Checks.parameterName(name);
            Checks.optionalText(Checks.notNull(value, "value of parameter '" + name + "'"), "value of parameter '" + name + "'",
                    Checks.MAX_TEXT);
        });
        if (serverInstance != null) {
            Checks.text(serverInstance, "server instance", 200);
        }
        return Conflicts.withReferences(() -> {
            FlowVersionRecord version = flows.version(Checks.notNull(flowVersionId, "flow version id"));
            RunEntity run = new RunEntity(version.flowId(), version.id(), version.version(), trigger, checked, startedBy, scheduleId,
                    Times.now());
            if (serverInstance != null) {
                run.runOn(serverInstance);
            }
            runs.persistAndFlush(run);
            return run.toRecord();
        }, deleted -> new CatalogException(CatalogErrorCode.FLOW_VERSION_NOT_FOUND, "flow version " + flowVersionId
                + " was deleted while its run was being recorded", deleted));
    }

    /** QUEUED becomes RUNNING (a RUNNING run stays so). */
    @Transactional
    public RunRecord markRunning(UUID runId) {
        RunEntity run = unfinished(runId, "mark it running");
        run.markRunning(Times.now());
        return run.toRecord();
    }

    /**
     * Ends as FAILED, with {@code error}, every run left queued or running by a server instance that
     * is not among {@code live} (it was killed: nobody will end its runs); answers their ids. Runs
     * without a server instance (the command line's) are never touched; with no live instance given
     * nothing is.
     */
    @Transactional
    public List<UUID> failOrphans(java.util.Collection<String> live, RunError error) {
        Checks.notNull(error, "error");
        if (live == null || live.isEmpty()) {
            return List.of();
        }
        Instant now = Times.now();
        List<UUID> ended = new java.util.ArrayList<>();
        for (RunEntity run : runs.openOutside(live)) {
            run.finish(RunState.FAILED, error, now);
            ended.add(run.id());
        }
        return ended;
    }

    /**
     * Records (or replaces) the result of one node; the first report of a node also marks a queued run
     * RUNNING.
     */
    @Transactional
    public void recordNode(UUID runId, NodeResult result) {
        Checks.notNull(result, "node result");
        Instant now = Times.now();
        RunEntity run = unfinished(runId, "record node '" + result.nodeId() + "'");
        run.markRunning(now);
        nodes.find(runId, result.nodeId()).ifPresentOrElse(
                node -> node.update(result, now),
                () -> nodes.persist(new RunNodeEntity(runId, result, now)));
    }

    /**
     * Ends the run.
     *
     * @param state SUCCEEDED, FAILED or CANCELLED
     * @param error why it failed, or null
     */
    @Transactional
    public RunRecord finish(UUID runId, RunState state, RunError error) {
        Checks.notNull(state, "final state");
        if (!state.isFinal()) {
            throw Checks.invalid("run " + runId + " can only finish as SUCCEEDED, FAILED or CANCELLED, not " + state);
        }
        RunEntity run = unfinished(runId, "finish it as " + state);
        run.finish(state, error, Times.now());
        return run.toRecord();
    }

    /**
     * Asks whichever server runs it to cancel the run (it looks at {@link #cancelRequested} of its
     * runs); false when the run has ended or does not exist.
     */
    @Transactional
    public boolean requestCancel(UUID runId, String reason) {
        Checks.notNull(runId, "run id");
        return runs.requestCancel(runId, Checks.truncate(Checks.text(reason, "reason of a cancel request", 10_000), 500));
    }

    /** Of these runs, the ones not ended that someone asked to cancel, with the reason. */
    @Transactional
    public Map<UUID, String> cancelRequested(java.util.Collection<UUID> runIds) {
        if (Checks.notNull(runIds, "run ids").isEmpty()) {
            return Map.of();
        }
        Map<UUID, String> requested = new java.util.LinkedHashMap<>();
        for (List<UUID> chunk : chunks(List.copyOf(runIds), 500)) {
            runs.cancelRequested(chunk).forEach(row -> requested.put((UUID) row[0], (String) row[1]));
        }
        return requested;
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            chunks.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return chunks;
    }

    /** RUN_NOT_FOUND when no run has that id. */
    @Transactional
    public RunRecord get(UUID runId) {
        return entity(runId).toRecord();
    }

    @Transactional
    public Optional<RunRecord> find(UUID runId) {
        Checks.notNull(runId, "run id");
        return runs.findByIdOptional(runId).map(RunEntity::toRecord);
    }

    /** The run's node results, in the order the nodes were first reported. */
    @Transactional
    public List<NodeResult> nodes(UUID runId) {
        entity(runId);
        return nodes.listForRun(runId).stream().map(RunNodeEntity::toResult).toList();
    }

    /** The newest {@code limit} (1-1000) runs of the flow, newest first. */
    @Transactional
    public List<RunRecord> listForFlow(String flowName, int limit) {
        return listForFlow(flowName, limit, Optional.empty());
    }

    /**
     * The newest {@code limit} (1-1000) runs of the flow, newest first: only those {@code startedBy}
     * started when it is given (runs nobody is known to have started are then left out).
     */
    @Transactional
    public List<RunRecord> listForFlow(String flowName, int limit, Optional<String> startedBy) {
        if (limit < 1 || limit > MAX_LIST) {
            throw Checks.invalid("limit must be between 1 and " + MAX_LIST + ", was " + limit);
        }
        Checks.notNull(startedBy, "user who started the runs");
        FlowRecord flow = flows.get(flowName);
        List<RunEntity> found = startedBy.isPresent() ? runs.newestForFlow(flow.id(), startedBy.get(), limit)
                : runs.newestForFlow(flow.id(), limit);
        return found.stream().map(RunEntity::toRecord).toList();
    }

    /**
     * The newest {@code limit} (1-1000) runs the filter lets through, of every flow or of the one it
     * names, newest first.
     */
    @Transactional
    public List<RunRecord> list(io.flowfile.catalog.api.RunFilter filter, int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw Checks.invalid("limit must be between 1 and " + MAX_LIST + ", was " + limit);
        }
        Checks.notNull(filter, "run filter");
        Optional<UUID> flowId = filter.flow().map(name -> flows.get(name).id());
        return runs.newest(flowId, filter.state(), filter.trigger(), filter.since(), filter.until(), filter.startedBy(), limit).stream()
                .map(RunEntity::toRecord).toList();
    }

    /**
     * Deletes every run of the flow with its node results (so that the flow itself can be deleted).
     * Global artifacts published by these runs keep their lineage without the run. One statement,
     * however many runs there are: the runs' parameters and node results go with them (ON DELETE
     * CASCADE).
     *
     * @return how many runs were deleted
     */
    @Transactional
    public int deleteForFlow(String flowName) {
        FlowRecord flow = flows.get(flowName);
        return (int) runs.deleteForFlow(flow.id());
    }

    private RunEntity entity(UUID runId) {
        Checks.notNull(runId, "run id");
        return runs.findByIdOptional(runId).orElseThrow(() -> notFound(runId));
    }

    private RunEntity unfinished(UUID runId, String action) {
        Checks.notNull(runId, "run id");
        RunEntity run = Conflicts.locked("run " + runId, () -> runs.findForUpdate(runId)).orElseThrow(() -> notFound(runId));
        if (run.state().isFinal()) {
            throw new CatalogException(CatalogErrorCode.RUN_ALREADY_FINISHED,
                    "run " + runId + " already finished as " + run.state() + ": cannot " + action);
        }
        return run;
    }

    private static CatalogException notFound(UUID runId) {
        return new CatalogException(CatalogErrorCode.RUN_NOT_FOUND, "no run has id " + runId);
    }
}
