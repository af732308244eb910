package io.flowfile.catalog.user;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<SessionEntity, String> {

    public long deleteExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }

    public long deleteForUser(UUID userId) {
        return delete("userId", userId);
    }
}
