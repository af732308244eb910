package io.flowfile.app.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The schedules API's bodies. */
public final class ScheduleDtos {

    private ScheduleDtos() {
    }

    /**
     * What fires a schedule: {@code cron} (with {@code cron} and {@code zone}), {@code interval} (with
     * {@code intervalSeconds}) or {@code after_flow} (with {@code afterFlow}).
     */
    public record TriggerDto(
            @Schema(enumeration = {"cron", "interval", "after_flow"}, required = true) String type,
            @Schema(description = "5-field UNIX cron (minute hour day-of-month month day-of-week) or @yearly, @annually, @monthly,"
                    + " @weekly, @daily, @midnight, @hourly", examples = "0 6 * * 1-5") String cron,
            @Schema(description = "IANA time zone of a cron trigger; default UTC", examples = "Europe/Berlin") String zone,
            @Schema(description = "seconds between runs of an interval trigger (at least 60)") Long intervalSeconds,
            @Schema(description = "the registered flow whose successful runs fire an after_flow trigger") String afterFlow) {
    }

    /** What a schedule does when things do not go to plan; every field is optional in a request and filled in answers. */
    public record PoliciesDto(
            @Schema(enumeration = {"skip", "queue", "cancel_running"}, description = "a tick while the previous run still runs; default skip")
            String overlap,
            @Schema(enumeration = {"none", "last", "all"}, description = "fire times that passed while no server ran; default last")
            String missed,
            @Schema(description = "with missed=all: at most this many late runs (the newest); default 10") Integer missedCap,
            @Schema(description = "runs again after a failure; default 0. The tick fails only after the last") Integer retries,
            @Schema(description = "seconds between a failure and its retry; default 60") Integer retryBackoffSeconds,
            @Schema(description = "a run still running after this many seconds is cancelled and counts as failed; default none")
            Integer timeoutSeconds,
            @Schema(description = "pause the schedule after this many failed ticks in a row; default off (null)")
            Integer pauseAfterFailures) {
    }

    /** Where to tell about a tick's end: a POST of JSON after the last retry, retried with a backoff when the receiver fails. */
    public record WebhookDto(
            @Schema(required = true, description = "an http or https URL", examples = "https://hooks.example.com/flowfile") String url,
            @Schema(description = "which ends: failure, success, recovery (the first success after failures); default [failure, recovery]")
            List<String> on) {
    }

    /** A schedule to create or the whole new state of one (PUT). */
    public record ScheduleRequest(
            @Schema(required = true, description = "the registered flow it runs") String flow,
            @Schema(description = "the version it runs; null: the latest at fire time") Integer version,
            @Schema(required = true) TriggerDto trigger,
            @Schema(description = "flow parameters of its runs") Map<String, String> parameters,
            PoliciesDto policies,
            @Schema(description = "created paused; default false (ignored by PUT: use /pause and /resume)") Boolean paused,
            @Schema(description = "told when a tick ends; none by default") WebhookDto webhook) {
    }

    /** A fire time in the trigger's zone (ISO-8601 with offset) and in UTC. */
    public record FireTimeDto(String local, Instant utc) {
    }

    public record TriggerPreviewRequest(@Schema(required = true) TriggerDto trigger,
                                 @Schema(description = "how many fire times, 1-100; default 5") Integer count) {
    }

    /** What a trigger means and when it fires next (none for after_flow). */
    public record TriggerPreviewDto(String description, String zone, List<FireTimeDto> fireTimes) {
    }

    /** One tick: why it fired, what became of it, and the run it started. */
    public record TickDto(
            UUID id,
            Instant fireTime,
            @Schema(enumeration = {"scheduled", "catch_up", "run_now", "after_flow"}) String kind,
            @Schema(enumeration = {"queued", "running", "retrying", "succeeded", "failed", "cancelled", "skipped", "missed"}) String outcome,
            UUID runId,
            Integer flowVersion,
            int attempts,
            String message,
            Instant recordedAt,
            Instant updatedAt) {
    }

    public record ScheduleDto(
            UUID id,
            String flow,
            @Schema(description = "the pinned version; null: the latest at fire time") Integer version,
            TriggerDto trigger,
            String description,
            Map<String, String> parameters,
            PoliciesDto policies,
            WebhookDto webhook,
            boolean paused,
            String pausedReason,
            int consecutiveFailures,
            String owner,
            Instant createdAt,
            Instant updatedAt,
            @Schema(description = "the next fire time; null when paused or for after_flow") FireTimeDto nextFireTime,
            @Schema(description = "the newest tick, null before the first") TickDto lastTick) {
    }
}
