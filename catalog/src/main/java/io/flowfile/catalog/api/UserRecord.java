package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** A user of the server (never with its password hash). */
public record UserRecord(UUID id, String username, Role role, Instant created) {

    public UserRecord {
        requireNonNull(id, "id is null");
        requireNonNull(username, "username is null");
        requireNonNull(role, "role is null");
        requireNonNull(created, "created is null");
    }
}
