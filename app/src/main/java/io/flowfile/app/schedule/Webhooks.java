package io.flowfile.app.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowfile.app.api.ScheduleDtos.WebhookDto;
import io.flowfile.catalog.api.ScheduleRecord;
import io.flowfile.catalog.api.ScheduleTickRecord;
import io.flowfile.catalog.schedule.ScheduleCatalog;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Tells a schedule's webhook that a tick ended (after its last retry): a POST of JSON, retried with a
 * growing backoff while the receiver fails or does not answer; what came of it is added to the
 * tick's message.
 */
@ApplicationScoped
public class Webhooks {

    public static final List<String> EVENTS = List.of("failure", "success", "recovery");
    public static final List<String> DEFAULT_EVENTS = List.of("failure", "recovery");
    static final int ATTEMPTS = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(Webhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ScheduleCatalog catalog;

    @Inject
    io.flowfile.app.config.FlowfileConfig config;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("flowfile-webhooks").daemon().factory());

    void onStop(@Observes ShutdownEvent event) {
        sender.shutdownNow();
    }

    /**
     * The tick ended as it says ({@code succeeded} or {@code failed}); {@code failuresBefore} is the
     * schedule's consecutive failures before it (a success after failures is a recovery).
     */
    void tickEnded(ScheduleRecord schedule, ScheduleDefinition definition, ScheduleTickRecord tick, int failuresBefore) {
        WebhookDto webhook = definition.webhook();
        if (webhook == null) {
            return;
        }
        String event = switch (tick.outcome()) {
            case SUCCEEDED -> failuresBefore > 0 && webhook.on().contains("recovery") ? "recovery" : "success";
            case FAILED -> "failure";
            default -> null;
        };
        if (event == null || !webhook.on().contains(event)) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("schedule", schedule.id().toString());
        body.put("flow", schedule.flowName());
        body.put("fireTime", tick.fireTime().toString());
        body.put("kind", tick.kind().name().toLowerCase(Locale.ROOT));
        body.put("outcome", tick.outcome().name().toLowerCase(Locale.ROOT));
        body.put("runId", tick.runId() == null ? null : tick.runId().toString());
        body.put("flowVersion", tick.flowVersion());
        body.put("attempts", tick.attempts());
        body.put("message", tick.message());
        body.put("consecutiveFailures", tick.outcome().name().equals("FAILED") ? failuresBefore + 1 : 0);
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        sender.execute(() -> send(webhook.url(), event, json, tick, 1));
    }

    private void send(String url, String event, String json, ScheduleTickRecord tick, int attempt) {
        // checked again as it is sent: the name may resolve elsewhere now than when the schedule was saved
        java.util.Optional<String> refusal = config.scheduler().webhookLocal() ? java.util.Optional.empty()
                : WebhookTargets.refusal(URI.create(url));
        if (refusal.isPresent()) {
            note(tick, "webhook " + event + " to " + url + " not sent: it goes to " + refusal.get());
            return;
        }
        String failure;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .header("User-Agent", "flowfile-scheduler").POST(HttpRequest.BodyPublishers.ofString(json)).build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                note(tick, "webhook " + event + " sent to " + url + " (HTTP " + response.statusCode() + (attempt > 1 ? ", attempt " + attempt : "")
                        + ")");
                return;
            }
            failure = "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (attempt < ATTEMPTS) {
            long backoff = FIRST_BACKOFF.toMillis() << (attempt - 1);
            String last = failure;
            LOG.debugf("webhook %s to %s failed (%s); again in %d ms", event, url, last, backoff);
            sender.schedule(() -> send(url, event, json, tick, attempt + 1), backoff, TimeUnit.MILLISECONDS);
        } else {
            note(tick, "webhook " + event + " to " + url + " failed after " + ATTEMPTS + " attempts: " + failure);
        }
    }

    private void note(ScheduleTickRecord tick, String text) {
        try {
            catalog.updateTick(tick.id(), tick.outcome(), tick.message() == null ? text : tick.message() + "; " + text);
        } catch (RuntimeException e) {
            LOG.warnf("the webhook's outcome could not be added to tick %s: %s", tick.id(), e.getMessage());
        }
    }
}
