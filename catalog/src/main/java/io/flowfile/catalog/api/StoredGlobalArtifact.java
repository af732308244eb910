package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** A global artifact version and the file in the blob store that holds its bytes. */
public record StoredGlobalArtifact(GlobalArtifactRecord artifact, Path blob) {

    public StoredGlobalArtifact {
        requireNonNull(artifact, "artifact is null");
        requireNonNull(blob, "blob is null");
    }
}
