package io.flowfile.catalog.api;

/** Where a run is: QUEUED, then RUNNING, then one of the three final states. */
public enum RunState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
