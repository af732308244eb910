package io.flowfile.catalog.flow;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Registered flows. A row whose {@code lastVersion} is 0 was made by a first registration that failed
 * after making it (see {@code Conflicts.withParent}): it has no versions, and only the next
 * registration ({@link #findForNextVersion}) sees it.
 */
@ApplicationScoped
public class FlowRepository implements PanacheRepositoryBase<FlowEntity, UUID> {

    private static final String WITH_VERSIONS = "name = ?1 and lastVersion > 0";

    /** The flow, if it has versions. */
    public Optional<FlowEntity> findByName(String name) {
        return find(WITH_VERSIONS, name).singleResultOptional();
    }

    /** The flow if it has versions, locked until the transaction ends. */
    public Optional<FlowEntity> findByNameForUpdate(String name) {
        return find(WITH_VERSIONS, name).withLock(LockModeType.PESSIMISTIC_WRITE).singleResultOptional();
    }

    /** The flow row, with versions or not, locked until the transaction ends: a registration hands out the next number. */
    public Optional<FlowEntity> findForNextVersion(String name) {
        return find("name", name).withLock(LockModeType.PESSIMISTIC_WRITE).singleResultOptional();
    }

    /** Every flow with its latest version, by name (a flow without versions has none, so it is not listed). */
    public List<FlowWithLatest> listWithLatest() {
        return getEntityManager()
                .createQuery("select new " + FlowWithLatest.class.getName() + "(f, v) from FlowEntity f"
                        + " join FlowVersionEntity v on v.flowId = f.id and v.version = f.lastVersion order by f.name", FlowWithLatest.class)
                .getResultList();
    }
}
