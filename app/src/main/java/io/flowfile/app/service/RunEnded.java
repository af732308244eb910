package io.flowfile.app.service;

import java.time.Instant;
import java.util.UUID;

/**
 * A CDI event: a run of a registered version ended (fired synchronously on the run's thread after
 * the catalog recorded its end). Schedules follow their runs and the flows they chain after with it.
 *
 * @param state      SUCCEEDED, FAILED or CANCELLED
 * @param message    the first error, or the cancel reason; null when it succeeded
 * @param scheduleId the schedule that started it, or null
 */
public record RunEnded(UUID runId, String flow, int version, String state, String message, UUID scheduleId, Instant endedAt) {
}
