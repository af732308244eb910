package io.flowfile.catalog.schedule;

import io.flowfile.catalog.api.ScheduleTriggerType;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ScheduleRepository implements PanacheRepositoryBase<ScheduleEntity, UUID> {

    private static final Sort ORDER = Sort.ascending("createdAt").and("id");

    public Optional<ScheduleEntity> findForUpdate(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<ScheduleEntity> listAll(Optional<String> owner) {
        return owner.isPresent() ? list("owner", ORDER, owner.get()) : listAll(ORDER);
    }

    public List<ScheduleEntity> listForFlow(UUID flowId, Optional<String> owner) {
        return owner.isPresent() ? list("flowId = ?1 and owner = ?2", ORDER, flowId, owner.get()) : list("flowId", ORDER, flowId);
    }

    public List<ScheduleEntity> listAfterFlow(UUID flowId) {
        return list("afterFlowId = ?1 and paused = false", ORDER, flowId);
    }

    public List<ScheduleEntity> listTimed() {
        return list("paused = false and triggerType in ?1", ORDER, List.of(ScheduleTriggerType.CRON, ScheduleTriggerType.INTERVAL));
    }
}
