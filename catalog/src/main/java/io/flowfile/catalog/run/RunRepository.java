package io.flowfile.catalog.run;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RunRepository implements PanacheRepositoryBase<RunEntity, UUID> {

    public Optional<RunEntity> findForUpdate(UUID runId) {
        return findByIdOptional(runId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The newest {@code limit} runs of a flow. */
    public List<RunEntity> newestForFlow(UUID flowId, int limit) {
        return find("flowId", Sort.descending("queuedAt").and("id"), flowId).page(0, limit).list();
    }

    public List<RunEntity> listForFlow(UUID flowId) {
        return list("flowId", flowId);
    }
}
