package io.flowfile.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowfile.app.events.EventLog;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.app.security.StreamGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Sends an {@link EventLog} as server-sent events: every kept event after {@code after}, then the
 * live ones, each with its id, name and JSON data; the stream ends when the log closes or the client
 * goes. A client that asked for events no longer kept first gets a {@code gap} event saying how many.
 * A stream also ends, with an {@code unauthenticated} event, when the credential it was opened with
 * no longer holds ({@link StreamGuard}).
 */
@ApplicationScoped
public class SseStreams {

    @Inject
    ObjectMapper json;

    @Inject
    CurrentUser current;

    @Inject
    StreamGuard guard;

    public void stream(EventLog log, long after, Predicate<EventLog.Entry> visible, SseEventSink sink, Sse sse) {
        CurrentUser.Credential credential = current.credential();
        var user = current.get();
        AtomicReference<EventLog.Subscription> subscription = new AtomicReference<>();
        AtomicReference<StreamGuard.Watch> watch = new AtomicReference<>();
        subscription.set(log.subscribe(after,
                lost -> sink.send(sse.newEventBuilder().name("gap")
                        .data(text(Map.of("lost", lost, "message", lost + " earlier events are no longer kept"))).build()),
                entry -> {
                    if (!visible.test(entry)) {
                        return;
                    }
                    if (sink.isClosed()) {
                        close(subscription);
                        return;
                    }
                    OutboundSseEvent event = sse.newEventBuilder().id(Long.toString(entry.id())).name(entry.name())
                            .data(text(entry.data())).build();
                    sink.send(event).whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            close(subscription);
                        }
                    });
                },
                () -> {
                    StreamGuard.Watch watching = watch.get();
                    if (watching != null) {
                        watching.close();
                    }
                    sink.close();
                }));
        // watched once subscribed, so that ending it always has a subscription to close; a credential
        // revoked in between is found at the guard's next check
        watch.set(guard.watch(credential, user, sink::isClosed, () -> {
            close(subscription);
            if (!sink.isClosed()) {
                sink.send(sse.newEventBuilder().name("unauthenticated").data(text(Map.of("message",
                        "this stream's token or session was revoked, expired or ended, or its user changed: log in again"))).build())
                        .whenComplete((ignored, failure) -> sink.close());
            }
        }));
    }

    private static void close(AtomicReference<EventLog.Subscription> subscription) {
        EventLog.Subscription found = subscription.get();
        if (found != null) {
            found.close();
        }
    }

    /** Event data as JSON text (plain SSE data lines, the way EventSource reads them). */
    private String text(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event: " + e.getMessage(), e);
        }
    }
}
