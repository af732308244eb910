package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One run of a registered flow version.
 *
 * @param flowVersion the version number that ran (runs always name the exact version)
 * @param parameters  the flow parameters the run was started with
 * @param queuedAt    when the run was started (created)
 * @param startedAt   when it began running; null while queued
 * @param finishedAt  when it reached a final state; null before
 * @param error       why it failed, or null
 * @param startedBy   the user who started it; null when not known (the command line, runs from before V4)
 * @param scheduleId  the schedule that started it (trigger SCHEDULE), or null
 */
public record RunRecord(
        UUID id,
        UUID flowId,
        UUID flowVersionId,
        int flowVersion,
        RunTrigger trigger,
        RunState state,
        Map<String, String> parameters,
        Instant queuedAt,
        Instant startedAt,
        Instant finishedAt,
        RunError error,
        String startedBy,
        UUID scheduleId) {

    public RunRecord {
        requireNonNull(id, "id is null");
        requireNonNull(flowId, "flowId is null");
        requireNonNull(flowVersionId, "flowVersionId is null");
        requireNonNull(trigger, "trigger is null");
        requireNonNull(state, "state is null");
        parameters = Map.copyOf(parameters);
        requireNonNull(queuedAt, "queuedAt is null");
    }
}
