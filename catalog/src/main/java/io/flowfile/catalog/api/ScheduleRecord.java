package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A schedule of a registered flow.
 *
 * @param afterFlowId         the flow whose successful runs fire it (trigger AFTER_FLOW), else null
 * @param definition          its trigger, run parameters and policies: a JSON document the app owns
 * @param pausedReason        why it is paused (a user, or N consecutive failures), null when not paused
 * @param consecutiveFailures ticks that failed in a row (after their last retry); a success resets it
 */
public record ScheduleRecord(
        UUID id,
        UUID flowId,
        String flowName,
        String owner,
        ScheduleTriggerType triggerType,
        UUID afterFlowId,
        String afterFlowName,
        String definition,
        boolean paused,
        String pausedReason,
        int consecutiveFailures,
        Instant createdAt,
        Instant updatedAt) {

    public ScheduleRecord {
        requireNonNull(id, "id is null");
        requireNonNull(flowId, "flowId is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(triggerType, "triggerType is null");
        requireNonNull(definition, "definition is null");
    }
}
