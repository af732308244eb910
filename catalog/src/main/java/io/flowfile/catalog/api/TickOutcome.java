package io.flowfile.catalog.api;

/** What became of a tick. QUEUED, RUNNING and RETRYING are not final; the others are. */
public enum TickOutcome {
    /** Waits for the schedule's running run to end (overlap policy queue). */
    QUEUED,
    RUNNING,
    /** An attempt failed; the next one starts after the backoff. */
    RETRYING,
    SUCCEEDED,
    /** Failed, after the last retry. */
    FAILED,
    CANCELLED,
    /** Not run: the previous run still ran (overlap policy skip), or the flow could not start. */
    SKIPPED,
    /** Passed while no server ran, not run by the missed-ticks policy. */
    MISSED;

    public boolean isFinal() {
        return this != QUEUED && this != RUNNING && this != RETRYING;
    }
}
