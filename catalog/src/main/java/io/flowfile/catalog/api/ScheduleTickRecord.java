package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * One tick of a schedule: its fire time, why it fired, and what became of it.
 *
 * @param runId       the run it started (its last attempt's), or null when it did not run
 * @param flowVersion the version that ran, or null
 * @param attempts    runs started for it (1 + retries so far)
 * @param message     why it did not run, how its attempts ended, whether it paused the schedule
 */
public record ScheduleTickRecord(
        UUID id,
        UUID scheduleId,
        Instant fireTime,
        TickKind kind,
        TickOutcome outcome,
        UUID runId,
        Integer flowVersion,
        int attempts,
        String message,
        Instant createdAt,
        Instant updatedAt) {

    public ScheduleTickRecord {
        requireNonNull(id, "id is null");
        requireNonNull(scheduleId, "scheduleId is null");
        requireNonNull(fireTime, "fireTime is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(outcome, "outcome is null");
    }
}
