package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** A flow-scoped artifact's metadata; {@code createdAt} is the time of its last publish. */
public record FlowArtifactRecord(UUID id, FlowArtifactSpec spec, Instant createdAt) {

    public FlowArtifactRecord {
        requireNonNull(id, "id is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public String name() {
        return spec.name();
    }
}
