package io.flowfile.catalog.run;

import io.flowfile.catalog.api.RunState;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.flow.FlowRuns;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RunRepository implements PanacheRepositoryBase<RunEntity, UUID>, FlowRuns {

    /** Asks for the run to be cancelled, unless it has ended; whether it was asked. */
    public boolean requestCancel(UUID runId, String reason) {
        return update("cancelRequested = ?1 where id = ?2 and state in ?3", reason, runId, List.of(RunState.QUEUED, RunState.RUNNING)) > 0;
    }

    /** Of these runs, those not ended that another server asked to cancel: id and reason. */
    public List<Object[]> cancelRequested(java.util.Collection<UUID> runIds) {
        return getEntityManager().createQuery("select r.id, r.cancelRequested from RunEntity r where r.id in :ids"
                        + " and r.cancelRequested is not null and r.state in :open", Object[].class)
                .setParameter("ids", runIds).setParameter("open", List.of(RunState.QUEUED, RunState.RUNNING)).getResultList();
    }

    /** Runs not ended whose server instance is known and not one of {@code live}. */
    public List<RunEntity> openOutside(java.util.Collection<String> live) {
        return list("state in ?1 and serverInstance is not null and serverInstance not in ?2", List.of(RunState.QUEUED, RunState.RUNNING), live);
    }

    public Optional<RunEntity> findForUpdate(UUID runId) {
        return findByIdOptional(runId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The newest {@code limit} runs of a flow. */
    public List<RunEntity> newestForFlow(UUID flowId, int limit) {
        return find("flowId", Sort.descending("queuedAt").and("id"), flowId).page(0, limit).list();
    }

    /** The newest {@code limit} runs of a flow that {@code startedBy} started. */
    public List<RunEntity> newestForFlow(UUID flowId, String startedBy, int limit) {
        return find("flowId = ?1 and startedBy = ?2", Sort.descending("queuedAt").and("id"), flowId, startedBy).page(0, limit).list();
    }

    /**
     * The newest {@code limit} runs matching every given condition: flow, state, trigger, queued at or
     * after {@code since}, queued before {@code until}, started by.
     */
    public List<RunEntity> newest(Optional<UUID> flowId, Optional<RunState> state, Optional<RunTrigger> trigger, Optional<Instant> since,
                                  Optional<Instant> until, Optional<String> startedBy, int limit) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        flowId.ifPresent(value -> { conditions.add("flowId = :flowId"); parameters.and("flowId", value); });
        state.ifPresent(value -> { conditions.add("state = :state"); parameters.and("state", value); });
        trigger.ifPresent(value -> { conditions.add("trigger = :trigger"); parameters.and("trigger", value); });
        since.ifPresent(value -> { conditions.add("queuedAt >= :since"); parameters.and("since", value); });
        until.ifPresent(value -> { conditions.add("queuedAt < :until"); parameters.and("until", value); });
        startedBy.ifPresent(value -> { conditions.add("startedBy = :startedBy"); parameters.and("startedBy", value); });
        Sort newestFirst = Sort.descending("queuedAt").and("id");
        var query = conditions.isEmpty() ? findAll(newestFirst) : find(String.join(" and ", conditions), newestFirst, parameters);
        return query.page(0, limit).list();
    }

    @Override
    public long countForFlow(UUID flowId) {
        return count("flowId", flowId);
    }

    /** Deletes the flow's runs in one statement; the database deletes their parameters and node results. */
    public long deleteForFlow(UUID flowId) {
        return delete("flowId", flowId);
    }
}
