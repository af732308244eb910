package io.flowfile.app.security;

import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.UserRecord;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Ends open event streams whose credential no longer holds. A stream's request was authenticated
 * once, when it opened; it may stay open for hours. Every {@link #EVERY} (and at once after this
 * server revoked a token, ended a session or deleted a user) each open stream's credential is
 * checked again as a new request's would be: a revoked or expired token, an ended session, a deleted
 * user or a changed role ends the stream, which the client then opens again with what it has now.
 * Another server on the same catalog revoking the credential is seen at the next check. A catalog
 * that cannot be reached keeps streams open (a check that cannot be made proves nothing).
 */
@ApplicationScoped
public class StreamGuard {

    public static final Duration EVERY = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(StreamGuard.class);

    /** An open stream: who opened it, with what, whether the client is still there, and how to end it. */
    private record Watched(CurrentUser.Credential credential, UUID userId, Role role, BooleanSupplier gone, Runnable end) {
    }

    /** Watching one stream; closing it stops watching. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    @Inject
    Credentials credentials;

    private final Map<Object, Watched> open = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    @PostConstruct
    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "flowfile-stream-guard");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /**
     * Watches a stream opened with {@code credential} by {@code user}; {@code gone} says the client has
     * left, {@code end} ends the stream. Closing the answer stops watching (the stream ended by itself).
     */
    public Watch watch(CurrentUser.Credential credential, UserRecord user, BooleanSupplier gone, Runnable end) {
        Objects.requireNonNull(credential, "credential is null");
        Object key = new Object();
        open.put(key, new Watched(credential, user.id(), user.role(), gone, end));
        return () -> open.remove(key);
    }

    /** Checks the open streams now rather than at the next tick: a credential was just revoked here. */
    public void checkSoon() {
        credentials.forget();
        timer.execute(this::check);
    }

    void check() {
        Map<CurrentUser.Credential, Boolean> verdicts = new HashMap<>();
        for (var entry : open.entrySet()) {
            Watched watched = entry.getValue();
            boolean ends = watched.gone().getAsBoolean() || !verdicts.computeIfAbsent(watched.credential(), credential -> holds(watched));
            if (ends && open.remove(entry.getKey()) != null) {
                try {
                    watched.end().run();
                } catch (RuntimeException e) {
                    LOG.debugf(e, "ending an event stream failed");
                }
            }
        }
    }

    private boolean holds(Watched watched) {
        try {
            return credentials.checkNow("GET", watched.credential().authorization(), watched.credential().sessionCookie(), null)
                    instanceof Credentials.Authenticated authenticated
                    && authenticated.user().id().equals(watched.userId()) && authenticated.user().role() == watched.role();
        } catch (RuntimeException e) {
            LOG.warnf("the credential of an event stream could not be checked (%s); it stays open until the next check", e.getMessage());
            return true;
        }
    }
}
