package io.flowfile.catalog.artifact;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class GlobalArtifactRepository implements PanacheRepositoryBase<GlobalArtifactEntity, UUID> {

    public Optional<GlobalArtifactEntity> findByName(String name) {
        return find("name", name).singleResultOptional();
    }

    /** The name's row, locked until the transaction ends. */
    public Optional<GlobalArtifactEntity> findByNameForUpdate(String name) {
        return find("name", name).withLock(LockModeType.PESSIMISTIC_WRITE).singleResultOptional();
    }
}
