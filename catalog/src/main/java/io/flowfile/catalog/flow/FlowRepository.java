package io.flowfile.catalog.flow;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class FlowRepository implements PanacheRepositoryBase<FlowEntity, UUID> {

    /** A flow with at least one version (a failed first registration can leave a flow without one). */
    public Optional<FlowEntity> findByName(String name) {
        return find("name = ?1 and lastVersion > 0", name).singleResultOptional();
    }

    /** The flow row, locked until the transaction ends, whether or not it has a version yet. */
    public Optional<FlowEntity> findByNameForUpdate(String name) {
        return find("name", name).withLock(LockModeType.PESSIMISTIC_WRITE).singleResultOptional();
    }

    /** Every flow with its latest version, by name. */
    public List<Object[]> listWithLatest() {
        return getEntityManager()
                .createQuery("select f, v from FlowEntity f join FlowVersionEntity v on v.flowId = f.id and v.version = f.lastVersion"
                        + " order by f.name", Object[].class)
                .getResultList();
    }

    public long countRuns(UUID flowId) {
        Number count = (Number) getEntityManager()
                .createNativeQuery("select count(*) from runs where flow_id = ?1")
                .setParameter(1, flowId)
                .getSingleResult();
        return count.longValue();
    }
}
