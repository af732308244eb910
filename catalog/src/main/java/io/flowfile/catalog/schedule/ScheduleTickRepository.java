package io.flowfile.catalog.schedule;

import io.flowfile.catalog.api.TickOutcome;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ScheduleTickRepository implements PanacheRepositoryBase<ScheduleTickEntity, UUID> {

    public Optional<ScheduleTickEntity> findForUpdate(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<ScheduleTickEntity> findByRun(UUID runId) {
        return find("runId", runId).firstResultOptional();
    }

    /** The schedule's ticks in these outcomes, oldest fire time first. */
    public List<ScheduleTickEntity> withOutcome(UUID scheduleId, Collection<TickOutcome> outcomes) {
        return list("scheduleId = ?1 and outcome in ?2", Sort.ascending("fireTime"), scheduleId, outcomes);
    }

    /** Running or retrying ticks waiting on a scheduler instance not in {@code live}, oldest first. */
    public List<ScheduleTickEntity> activeOutside(Collection<TickOutcome> active, Collection<String> live) {
        return list("outcome in ?1 and instanceId is not null and instanceId not in ?2", Sort.ascending("fireTime"), active, live);
    }

    /** The newest fire time of every schedule's ticks of these kinds, by schedule. */
    public java.util.Map<UUID, Instant> lastFires(Collection<io.flowfile.catalog.api.TickKind> kinds) {
        var found = new java.util.HashMap<UUID, Instant>();
        getEntityManager().createQuery("select t.scheduleId, max(t.fireTime) from ScheduleTickEntity t where t.kind in :kinds"
                        + " group by t.scheduleId", Object[].class)
                .setParameter("kinds", kinds).getResultList().forEach(row -> found.put((UUID) row[0], (Instant) row[1]));
        return found;
    }

    public List<ScheduleTickEntity> newest(UUID scheduleId, int limit) {
        return find("scheduleId", Sort.descending("fireTime").and("id"), scheduleId).page(0, limit).list();
    }
}
