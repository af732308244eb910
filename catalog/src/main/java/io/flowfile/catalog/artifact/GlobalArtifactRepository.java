package io.flowfile.catalog.artifact;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

/**
 * Global artifact names. A row whose {@code lastVersion} is 0 was made by a first publish that failed
 * after making it (see {@code Conflicts.withParent}): it has no versions, and only the next publish
 * ({@link #findForNextVersion}) sees it.
 */
@ApplicationScoped
public class GlobalArtifactRepository implements PanacheRepositoryBase<GlobalArtifactEntity, UUID> {

    private static final String WITH_VERSIONS = "name = ?1 and lastVersion > 0";

    /** The name's row, if it has versions. */
    public Optional<GlobalArtifactEntity> findByName(String name) {
        return find(WITH_VERSIONS, name).singleResultOptional();
    }

    /** The name's row if it has versions, locked until the transaction ends. */
    public Optional<GlobalArtifactEntity> findByNameForUpdate(String name) {
        return find(WITH_VERSIONS, name).withLock(LockModeType.PESSIMISTIC_WRITE).singleResultOptional();
    }

    /** The name's row, with versions or not, locked until the transaction ends: a publish hands out the next number. */
    public Optional<GlobalArtifactEntity> findForNextVersion(String name) {
        return find("name", name).withLock(LockModeType.PESSIMISTIC_WRITE).singleResultOptional();
    }
}
