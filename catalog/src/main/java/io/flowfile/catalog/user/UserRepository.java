package io.flowfile.catalog.user;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, UUID> {

    public Optional<UserEntity> findByUsername(String username) {
        return find("username", username).singleResultOptional();
    }

    /** Every user, by username. */
    public List<UserEntity> listByUsername() {
        return listAll(Sort.ascending("username"));
    }
}
