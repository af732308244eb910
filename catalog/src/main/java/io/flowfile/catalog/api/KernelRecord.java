package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A kernel definition kept by the catalog, with when it was first saved and last changed. */
public record KernelRecord(KernelSpec spec, Instant createdAt, Instant updatedAt) {

    public KernelRecord {
        requireNonNull(spec, "spec is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    public String id() {
        return spec.id();
    }
}
