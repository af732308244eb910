package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One version of a global artifact.
 *
 * @param id       this version's id
 * @param version  1, 2, 3, ... per name; numbers are never reused while the name exists
 * @param tags     sorted
 * @param flowName the flow of the lineage (kept when that flow is deleted)
 */
public record GlobalArtifactRecord(
        UUID id,
        String name,
        int version,
        String pythonType,
        ArtifactFormat format,
        long sizeBytes,
        String sha256,
        String description,
        List<String> tags,
        String flowName,
        Lineage lineage,
        Instant createdAt) {

    public GlobalArtifactRecord {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(pythonType, "pythonType is null");
        requireNonNull(format, "format is null");
        requireNonNull(sha256, "sha256 is null");
        tags = List.copyOf(tags);
        requireNonNull(flowName, "flowName is null");
        requireNonNull(lineage, "lineage is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
