package io.flowfile.catalog.run;

import io.flowfile.catalog.flow.FlowRuns;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RunRepository implements PanacheRepositoryBase<RunEntity, UUID>, FlowRuns {

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

    @Override
    public long countForFlow(UUID flowId) {
        return count("flowId", flowId);
    }

    /** Deletes the flow's runs in one statement; the database deletes their parameters and node results. */
    public long deleteForFlow(UUID flowId) {
        return delete("flowId", flowId);
    }
}
