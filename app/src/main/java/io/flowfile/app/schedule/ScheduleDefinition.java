package io.flowfile.app.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flowfile.app.api.ScheduleDtos.PoliciesDto;
import io.flowfile.app.api.ScheduleDtos.TriggerDto;
import io.flowfile.app.api.ScheduleDtos.WebhookDto;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * What the catalog keeps of a schedule besides its flow and owner (its {@code definition} column, as
 * JSON): the trigger, the version it runs, its runs' parameters, its policies with every default
 * filled in, and the anchor interval triggers count from.
 */
public record ScheduleDefinition(TriggerDto trigger, Integer version, Map<String, String> parameters, Policies policies, Instant anchor,
                                 WebhookDto webhook) {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public enum Overlap { SKIP, QUEUE, CANCEL_RUNNING }

    public enum Missed { NONE, LAST, ALL }

    /** The policies, each set (timeout and pause-after-failures may be null: none / off). */
    public record Policies(Overlap overlap, Missed missed, int missedCap, int retries, int retryBackoffSeconds, Integer timeoutSeconds,
                           Integer pauseAfterFailures) {

        public static final Policies DEFAULTS = new Policies(Overlap.SKIP, Missed.LAST, 10, 0, 60, null, null);

        public PoliciesDto dto() {
            return new PoliciesDto(overlap.name().toLowerCase(Locale.ROOT), missed.name().toLowerCase(Locale.ROOT), missedCap, retries,
                    retryBackoffSeconds, timeoutSeconds, pauseAfterFailures);
        }
    }

    public ScheduleDefinition {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** The trigger as it fires. */
    public ScheduleTrigger toTrigger() {
        return toTrigger(trigger, anchor);
    }

    /** A validated trigger body as it fires; an interval counts from {@code anchor}. */
    public static ScheduleTrigger toTrigger(TriggerDto trigger, Instant anchor) {
        return switch (trigger.type()) {
            case "cron" -> new ScheduleTrigger.Cron(UnixCron.parse(trigger.cron()), ZoneId.of(trigger.zone() == null ? "UTC" : trigger.zone()));
            case "interval" -> new ScheduleTrigger.Interval(Duration.ofSeconds(trigger.intervalSeconds()), anchor);
            case "after_flow" -> new ScheduleTrigger.AfterFlow(trigger.afterFlow());
            default -> throw new IllegalStateException("unknown trigger type " + trigger.type());
        };
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a schedule definition could not be written as JSON: " + e.getMessage(), e);
        }
    }

    public static ScheduleDefinition fromJson(String json) {
        try {
            return JSON.readValue(json, ScheduleDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a schedule definition in the catalog is not readable: " + e.getMessage(), e);
        }
    }
}
