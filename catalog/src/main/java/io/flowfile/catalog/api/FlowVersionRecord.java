package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * One immutable version of a registered flow.
 *
 * @param id            the version's own id (runs name it)
 * @param flowId        the flow it belongs to
 * @param name          the flow's name
 * @param version       1, 2, 3, ... per flow
 * @param contentSha256 SHA-256 of the document bytes (lower-case hex)
 * @param format        the document's format, e.g. {@code json} or {@code yaml}
 * @param sizeBytes     the document's size
 * @param createdBy     the user who registered it; null when not known (the command line, versions from before V4)
 */
public record FlowVersionRecord(
        UUID id, UUID flowId, String name, int version, String contentSha256, String format, long sizeBytes, Instant createdAt,
        String createdBy) {

    public FlowVersionRecord {
        requireNonNull(id, "id is null");
        requireNonNull(flowId, "flowId is null");
        requireNonNull(name, "name is null");
        requireNonNull(contentSha256, "contentSha256 is null");
        requireNonNull(format, "format is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
