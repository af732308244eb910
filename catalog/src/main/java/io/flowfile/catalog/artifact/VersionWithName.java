package io.flowfile.catalog.artifact;

/** A version of a global artifact with its name (a row of {@link GlobalArtifactVersionRepository#latestCarrying}). */
record VersionWithName(GlobalArtifactVersionEntity version, String name) {
}
