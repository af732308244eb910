package io.flowfile.catalog.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One saved version of a custom node type.
 *
 * @param document    the version's document (YAML) as the app wrote it
 * @param publishedAt when it was published to the palette, or null while it is not
 */
public record NodeTypeVersionRecord(UUID id, String name, int version, String contentSha256, String document, Instant createdAt,
                                    String createdBy, Instant publishedAt, String publishedBy) {

    public boolean published() {
        return publishedAt != null;
    }
}
