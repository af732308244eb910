package io.flowfile.catalog.user;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ApiTokenRepository implements PanacheRepositoryBase<ApiTokenEntity, UUID> {

    public Optional<ApiTokenEntity> findBySecret(String secretSha256) {
        return find("secretSha256", secretSha256).singleResultOptional();
    }

    /** The user's tokens, oldest first. */
    public List<ApiTokenEntity> listForUser(UUID userId) {
        return list("userId", Sort.ascending("createdAt").and("id"), userId);
    }

    /** Sets the token's last use to {@code now} unless it was used after {@code notAfter} (another request did it). */
    public void markUsed(UUID id, Instant now, Instant notAfter) {
        update("lastUsedAt = ?1 where id = ?2 and (lastUsedAt is null or lastUsedAt <= ?3)", now, id, notAfter);
    }

    /** The tokens not revoked whose name starts with {@code prefix} (which holds no LIKE wildcard). */
    public List<ApiTokenEntity> listUnrevokedNamed(String prefix) {
        return list("revoked = false and name like ?1", prefix + "%");
    }

    public void revoke(UUID id) {
        update("revoked = true where id = ?1", id);
    }
}
