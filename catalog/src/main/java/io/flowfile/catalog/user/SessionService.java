package io.flowfile.catalog.user;

import io.flowfile.catalog.api.CreatedSession;
import io.flowfile.catalog.api.Session;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Conflicts;
import io.flowfile.catalog.internal.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Browser sessions (logins). A session's secret (32 random bytes in URL-safe base64, the cookie) is
 * kept as its SHA-256; its CSRF token (as random) is kept as it is, since the server hands it to the
 * page again. An expired session authenticates nothing and stays until {@link #deleteExpired}; deleting
 * the user deletes its sessions.
 */
@ApplicationScoped
public class SessionService {

    public static final Duration MAX_LIFETIME = Duration.ofDays(366);

    private final SessionRepository sessions;
    private final UserRepository users;

    public SessionService(SessionRepository sessions, UserRepository users) {
        this.sessions = sessions;
        this.users = users;
    }

    /** Starts a session of the user (USER_NOT_FOUND when there is none) that lasts {@code lifetime} (up to 366 days). */
    @Transactional
    public CreatedSession create(UUID userId, Duration lifetime) {
        Checks.notNull(userId, "user id");
        Checks.notNull(lifetime, "session lifetime");
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw Checks.invalid("session lifetime must be positive and at most " + MAX_LIFETIME + ", was " + lifetime);
        }
        return Conflicts.withReferences(() -> {
            users.findByIdOptional(userId).orElseThrow(() -> UserService.notFound(userId, null));
            Instant now = Times.now();
            Instant expires = now.plus(lifetime).truncatedTo(ChronoUnit.MICROS);
            String secret = Secrets.random();
            String csrfToken = Secrets.random();
            sessions.persistAndFlush(new SessionEntity(Secrets.sha256(secret), userId, csrfToken, now, expires));
            return new CreatedSession(secret, csrfToken, expires);
        }, deleted -> UserService.notFound(userId, deleted));
    }

    /** The session with this secret, or empty (unknown, malformed or expired). */
    @Transactional
    public Optional<Session> authenticate(String secret) {
        Checks.notNull(secret, "session secret");
        if (!Secrets.RANDOM_PART.matcher(secret).matches()) {
            return Optional.empty();
        }
        Instant now = Times.now();
        return sessions.findByIdOptional(Secrets.sha256(secret))
                .filter(session -> now.isBefore(session.expiresAt()))
                .flatMap(session -> users.findByIdOptional(session.userId())
                        .map(user -> new Session(user.toRecord(), session.csrfToken(), session.expiresAt())));
    }

    /** Ends the session (a logout); an unknown secret changes nothing. */
    @Transactional
    public void delete(String secret) {
        Checks.notNull(secret, "session secret");
        if (Secrets.RANDOM_PART.matcher(secret).matches()) {
            sessions.deleteById(Secrets.sha256(secret));
        }
    }

    /** Deletes the sessions that have expired; returns how many. The app runs it now and then. */
    @Transactional
    public int deleteExpired() {
        return (int) sessions.deleteExpired(Times.now());
    }

    /** Ends every session of the user (e.g. after a password change); returns how many. */
    @Transactional
    public int deleteForUser(UUID userId) {
        Checks.notNull(userId, "user id");
        return (int) sessions.deleteForUser(userId);
    }
}
