package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A registered flow with its latest version.
 *
 * @param description null when none was given
 * @param updatedAt   when the last version was registered or the description changed
 */
public record FlowRecord(UUID id, String name, String description, Instant createdAt, Instant updatedAt, FlowVersionRecord latest) {

    public FlowRecord {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(latest, "latest is null");
    }
}
