package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A node's reads of one version of a global artifact.
 *
 * @param flowScope  the engine's identity of the reading flow on its kernel
 * @param count      how many times the node read it
 * @param lastReadAt when it read it last
 */
public record GlobalArtifactRead(GlobalArtifactRecord artifact, String flowScope, String nodeId, String kernelId, long count,
                                 Instant lastReadAt) {

    public GlobalArtifactRead {
        requireNonNull(artifact, "artifact is null");
        requireNonNull(flowScope, "flowScope is null");
        requireNonNull(nodeId, "nodeId is null");
        requireNonNull(kernelId, "kernelId is null");
        requireNonNull(lastReadAt, "lastReadAt is null");
    }
}
