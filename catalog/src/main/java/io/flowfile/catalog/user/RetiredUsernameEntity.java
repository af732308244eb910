package io.flowfile.catalog.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code retired_usernames}: the name of a deleted user, never given to another. */
@Entity
@Table(name = "retired_usernames")
public class RetiredUsernameEntity {

    @Id
    @Column(name = "username", nullable = false, length = 64)
    private String username;

    @Column(name = "retired_at", nullable = false)
    private Instant retiredAt;

    protected RetiredUsernameEntity() {
    }

    RetiredUsernameEntity(String username, Instant retiredAt) {
        this.username = username;
        this.retiredAt = retiredAt;
    }
}
