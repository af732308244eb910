package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An API token of a user, without its secret (the catalog keeps only the secret's SHA-256).
 *
 * @param name     what the user called it, e.g. "ci"
 * @param expires  empty for a token that does not expire
 * @param lastUsed when it last authenticated a request, to the minute (empty when never)
 * @param revoked  a revoked token authenticates nothing
 */
public record ApiTokenRecord(
        UUID id, UUID userId, String name, Instant created, Optional<Instant> expires, Optional<Instant> lastUsed, boolean revoked) {

    public ApiTokenRecord {
        requireNonNull(id, "id is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(name, "name is null");
        requireNonNull(created, "created is null");
        requireNonNull(expires, "expires is null");
        requireNonNull(lastUsed, "lastUsed is null");
    }
}
