package io.flowfile.app.schedule;

import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.ScheduleDtos.PoliciesDto;
import io.flowfile.app.api.ScheduleDtos.ScheduleRequest;
import io.flowfile.app.api.ScheduleDtos.TriggerDto;
import io.flowfile.app.api.ScheduleDtos.WebhookDto;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.catalog.api.FlowRecord;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.engine.Problem;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a schedule's request body, naming each field at fault ({@code trigger.cron: ...} with the
 * cron library's own message, {@code trigger.zone}, {@code trigger.intervalSeconds},
 * {@code flow}, {@code version}, {@code policies.retries}, ...), and makes its definition.
 */
public final class ScheduleValidator {

    public static final int MAX_RETRIES = 10;
    public static final int MAX_MISSED_CAP = 1000;
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final FlowService flows;
    private final Duration minInterval;
    private final boolean webhookLocal;
    private final List<Problem> problems = new ArrayList<>();

    private ScheduleValidator(FlowService flows, Duration minInterval, boolean webhookLocal) {
        this.flows = flows;
        this.minInterval = minInterval;
        this.webhookLocal = webhookLocal;
    }

    /**
     * The definition of a valid request; anchor: when an interval starts counting; webhookLocal: whether
     * a webhook may go to this machine or a link-local address ({@link WebhookTargets}).
     */
    public static ScheduleDefinition definition(ScheduleRequest request, FlowService flows, Duration minInterval, boolean webhookLocal,
                                                Instant anchor) {
        ScheduleValidator validator = new ScheduleValidator(flows, minInterval, webhookLocal);
        if (request == null) {
            validator.problem("", "the request body must be a schedule: {flow, trigger, ...}");
            validator.raise();
        }
        Optional<FlowRecord> flow = validator.flow(request.flow(), "flow");
        if (flow.isPresent() && request.version() != null) {
            int latest = flow.get().latest().version();
            if (request.version() < 1 || request.version() > latest) {
                validator.problem("version", "flow '" + flow.get().name() + "' has no version " + request.version() + "; its versions are 1 to "
                        + latest + " (null runs the latest at fire time)");
            }
        }
        TriggerDto trigger = validator.trigger(request.trigger(), "trigger.");
        Map<String, String> parameters = request.parameters() == null ? Map.of() : request.parameters();
        parameters.forEach((name, value) -> {
            if (value == null) {
                validator.problem("parameters." + name, "must be a string, was null");
            }
        });
        ScheduleDefinition.Policies policies = validator.policies(request.policies());
        WebhookDto webhook = validator.webhook(request.webhook());
        validator.raise();
        return new ScheduleDefinition(trigger, request.version(), parameters, policies, anchor, webhook);
    }

    /** A valid trigger body, normalised (cron trimmed, zone UTC when not given). */
    public static TriggerDto trigger(TriggerDto trigger, FlowService flows, Duration minInterval) {
        ScheduleValidator validator = new ScheduleValidator(flows, minInterval, false); // no webhook here
        TriggerDto checked = validator.trigger(trigger, "trigger.");
        validator.raise();
        return checked;
    }

    private TriggerDto trigger(TriggerDto trigger, String at) {
        if (trigger == null) {
            problem(at.substring(0, at.length() - 1), "is missing: {\"type\": \"cron\", \"cron\": \"0 6 * * *\", \"zone\": \"Europe/Berlin\"},"
                    + " {\"type\": \"interval\", \"intervalSeconds\": 3600} or {\"type\": \"after_flow\", \"afterFlow\": \"FLOW\"}");
            return null;
        }
        String type = trigger.type() == null ? null : trigger.type().toLowerCase(Locale.ROOT);
        if (type == null || !List.of("cron", "interval", "after_flow").contains(type)) {
            problem(at + "type", "must be cron, interval or after_flow, was " + (type == null ? "missing" : "'" + trigger.type() + "'"));
            return null;
        }
        switch (type) {
            case "cron" -> {
                unexpected(at, "intervalSeconds", trigger.intervalSeconds(), type);
                unexpected(at, "afterFlow", trigger.afterFlow(), type);
                String cron = null;
                if (trigger.cron() == null || trigger.cron().isBlank()) {
                    problem(at + "cron", "is missing: a cron trigger needs an expression such as \"0 6 * * 1-5\" or \"@daily\"");
                } else {
                    try {
                        cron = UnixCron.parse(trigger.cron()).expression();
                    } catch (IllegalArgumentException e) {
                        problem(at + "cron", e.getMessage());
                    }
                }
                String zone = trigger.zone() == null ? "UTC" : trigger.zone();
                if (!ZONES.contains(zone)) {
                    problem(at + "zone", "'" + zone + "' is not an IANA time zone (such as UTC, Europe/Berlin, America/New_York)");
                }
                return new TriggerDto(type, cron, zone, null, null);
            }
            case "interval" -> {
                unexpected(at, "cron", trigger.cron(), type);
                unexpected(at, "zone", trigger.zone(), type);
                unexpected(at, "afterFlow", trigger.afterFlow(), type);
                if (trigger.intervalSeconds() == null) {
                    problem(at + "intervalSeconds", "is missing: an interval trigger needs the seconds between runs");
                } else if (trigger.intervalSeconds() < minInterval.toSeconds()) {
                    problem(at + "intervalSeconds", "must be at least " + minInterval.toSeconds() + " seconds, was " + trigger.intervalSeconds());
                }
                return new TriggerDto(type, null, null, trigger.intervalSeconds(), null);
            }
            default -> {
                unexpected(at, "cron", trigger.cron(), type);
                unexpected(at, "zone", trigger.zone(), type);
                unexpected(at, "intervalSeconds", trigger.intervalSeconds(), type);
                String name = flow(trigger.afterFlow(), at + "afterFlow").map(FlowRecord::name).orElse(null);
                return new TriggerDto(type, null, null, null, name);
            }
        }
    }

    private WebhookDto webhook(WebhookDto dto) {
        if (dto == null) {
            return null;
        }
        String url = dto.url();
        try {
            java.net.URI uri = url == null ? null : new java.net.URI(url);
            if (uri == null || !uri.isAbsolute() || uri.getHost() == null
                    || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                problem("webhook.url", "must be an http or https URL, was " + (url == null ? "missing" : "'" + url + "'"));
            } else if (!webhookLocal) {
                WebhookTargets.refusalWithoutLookup(uri).ifPresent(refusal -> problem("webhook.url", "goes to " + refusal));
            }
        } catch (java.net.URISyntaxException e) {
            problem("webhook.url", "is not a URL: " + e.getMessage());
        }
        List<String> on = dto.on() == null ? Webhooks.DEFAULT_EVENTS : dto.on();
        for (int i = 0; i < on.size(); i++) {
            if (!Webhooks.EVENTS.contains(on.get(i))) {
                problem("webhook.on[" + i + "]", "must be one of " + String.join(", ", Webhooks.EVENTS) + ", was '" + on.get(i) + "'");
            }
        }
        return new WebhookDto(url, List.copyOf(new java.util.LinkedHashSet<>(on)));
    }

    private ScheduleDefinition.Policies policies(PoliciesDto dto) {
        ScheduleDefinition.Policies defaults = ScheduleDefinition.Policies.DEFAULTS;
        if (dto == null) {
            return defaults;
        }
        ScheduleDefinition.Overlap overlap = choice(dto.overlap(), ScheduleDefinition.Overlap.class, "policies.overlap", defaults.overlap());
        ScheduleDefinition.Missed missed = choice(dto.missed(), ScheduleDefinition.Missed.class, "policies.missed", defaults.missed());
        int missedCap = range(dto.missedCap(), "policies.missedCap", 1, MAX_MISSED_CAP, defaults.missedCap());
        int retries = range(dto.retries(), "policies.retries", 0, MAX_RETRIES, defaults.retries());
        int backoff = range(dto.retryBackoffSeconds(), "policies.retryBackoffSeconds", 0, 86_400, defaults.retryBackoffSeconds());
        Integer timeout = dto.timeoutSeconds() == null ? null : range(dto.timeoutSeconds(), "policies.timeoutSeconds", 1, 7 * 86_400, 0);
        Integer pauseAfter = dto.pauseAfterFailures() == null ? null
                : range(dto.pauseAfterFailures(), "policies.pauseAfterFailures", 1, 1000, 0);
        return new ScheduleDefinition.Policies(overlap, missed, missedCap, retries, backoff, timeout, pauseAfter);
    }

    private <E extends Enum<E>> E choice(String value, Class<E> type, String field, E fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(field, "must be one of " + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")) + ", was '" + value + "'");
            return fallback;
        }
    }

    private int range(Integer value, String field, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            problem(field, "must be between " + min + " and " + max + ", was " + value);
            return fallback;
        }
        return value;
    }

    private Optional<FlowRecord> flow(String name, String field) {
        if (name == null || name.isBlank()) {
            problem(field, "is missing: the name of a registered flow");
            return Optional.empty();
        }
        Optional<FlowRecord> flow = flows.find(name);
        if (flow.isEmpty()) {
            problem(field, "no registered flow is named '" + name + "'");
        }
        return flow;
    }

    private void unexpected(String at, String field, Object value, String type) {
        if (value != null) {
            problem(at + field, "does not belong to a " + type + " trigger");
        }
    }

    private void problem(String field, String message) {
        problems.add(Problem.ofDocument(field, ServerErrorCode.INVALID_SCHEDULE, message));
    }

    private void raise() {
        if (problems.isEmpty()) {
            return;
        }
        String message = problems.stream().map(problem -> problem.path().isEmpty() ? problem.message() : problem.path() + ": " + problem.message())
                .collect(Collectors.joining("; "));
        throw new ApiException(ServerErrorCode.INVALID_SCHEDULE, message, problems);
    }
}
