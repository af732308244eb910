package io.flowfile.catalog.user;

import io.flowfile.catalog.api.SecretRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code user_secrets}: one secret of a user, its value encrypted ({@link SecretCipher}). */
@Entity
@Table(name = "user_secrets")
public class UserSecretEntity {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "name", nullable = false, length = 128)
    private String name;

    @Column(name = "ciphertext", nullable = false, length = 90000)
    private String ciphertext;

    @Column(name = "key_id", nullable = false, length = 16)
    private String keyId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected UserSecretEntity() {
    }

    UserSecretEntity(UUID userId, String name, SecretCipher.Sealed sealed, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.name = name;
        this.createdAt = now;
        replace(sealed, now);
    }

    void replace(SecretCipher.Sealed sealed, Instant now) {
        this.ciphertext = sealed.ciphertext();
        this.keyId = sealed.keyId();
        this.updatedAt = now;
    }

    SecretCipher.Sealed sealed() {
        return new SecretCipher.Sealed(ciphertext, keyId);
    }

    SecretRecord toRecord() {
        return new SecretRecord(name, createdAt, updatedAt);
    }
}
