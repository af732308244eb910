package io.flowfile.catalog.user;

import io.flowfile.catalog.api.ApiTokenRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A row of {@code api_tokens}: a token with the SHA-256 of its secret. Its changes (last use, revoked)
 * are single-column updates of {@link ApiTokenRepository}, so that neither overwrites the other.
 */
@Entity
@Table(name = "api_tokens")
public class ApiTokenEntity {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "name", nullable = false, length = 128)
    private String name;

    @Column(name = "secret_sha256", nullable = false, length = 64)
    private String secretSha256;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked", nullable = false)
    private boolean revoked;

    protected ApiTokenEntity() {
    }

    ApiTokenEntity(UUID userId, String name, String secretSha256, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.name = name;
        this.secretSha256 = secretSha256;
        this.createdAt = now;
        this.expiresAt = expiresAt;
        this.revoked = false;
    }

    UUID id() {
        return id;
    }

    UUID userId() {
        return userId;
    }

    Optional<Instant> lastUsedAt() {
        return Optional.ofNullable(lastUsedAt);
    }

    /** Not revoked and not expired at {@code now}. */
    boolean isValidAt(Instant now) {
        return !revoked && (expiresAt == null || now.isBefore(expiresAt));
    }

    ApiTokenRecord toRecord() {
        return new ApiTokenRecord(id, userId, name, createdAt, Optional.ofNullable(expiresAt), Optional.ofNullable(lastUsedAt), revoked);
    }
}
