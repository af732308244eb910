package io.flowfile.catalog.user;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UserSecretRepository implements PanacheRepositoryBase<UserSecretEntity, UUID> {

    public Optional<UserSecretEntity> find(UUID userId, String name) {
        return find("userId = ?1 and name = ?2", userId, name).singleResultOptional();
    }

    /** The user's secrets by name. */
    public List<UserSecretEntity> listForUser(UUID userId) {
        return list("userId", Sort.ascending("name"), userId);
    }

    public long delete(UUID userId, String name) {
        return delete("userId = ?1 and name = ?2", userId, name);
    }
}
