package io.flowfile.catalog.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code user_sessions}: a browser session, keyed by the SHA-256 of its secret. */
@Entity
@Table(name = "user_sessions")
public class SessionEntity {

    @Id
    @Column(name = "secret_sha256", length = 64)
    private String secretSha256;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "csrf_token", nullable = false, length = 64)
    private String csrfToken;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected SessionEntity() {
    }

    SessionEntity(String secretSha256, UUID userId, String csrfToken, Instant now, Instant expiresAt) {
        this.secretSha256 = secretSha256;
        this.userId = userId;
        this.csrfToken = csrfToken;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    UUID userId() {
        return userId;
    }

    String csrfToken() {
        return csrfToken;
    }

    Instant expiresAt() {
        return expiresAt;
    }
}
