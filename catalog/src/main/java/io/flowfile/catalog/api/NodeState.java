package io.flowfile.catalog.api;

/** Where a node of a run is; the engine's node events in catalog form. */
public enum NodeState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, SKIPPED, CANCELLED
}
