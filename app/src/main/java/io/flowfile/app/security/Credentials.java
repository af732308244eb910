package io.flowfile.app.security;

import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.SessionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks what a request sent to prove who it is, for the API ({@link AuthFilter}) and the
 * management endpoints under {@code /q} ({@link ManagementAuth}) alike: a bearer token
 * ({@code Authorization: Bearer ff_...}) or the browser's session cookie. A request that changes
 * something with a session cookie must also carry the session's CSRF token in {@value #CSRF_HEADER}
 * (the browser sends the cookie by itself; another site's page cannot read the token to send it).
 * It reads the catalog: call it off the event loop.
 *
 * <p>A credential found good is taken as good again for {@code flowfile.server.credential-cache}
 * (default 1 s) without reading the catalog, so that a client's burst of requests costs one lookup.
 * Whatever ends a credential on this server (a revoke, a logout, a user deleted) forgets them all at
 * once ({@link #forget}); one ended on another server or from the command line stops working here
 * within that time. The cache is keyed by a hash of the credential, never by the secret itself.
 */
@ApplicationScoped
public class Credentials {

    public static final String SESSION_COOKIE = "flowfile_session";
    public static final String CSRF_COOKIE = "flowfile_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    ApiTokenService tokens;

    @Inject
    SessionService sessions;

    @Inject
    io.flowfile.app.config.FlowfileConfig config;

    /** A credential found good: who it is, and until when (nanoTime) that is taken as known. */
    private record Known(Authenticated outcome, long until) {
    }

    /** SHA-256 of (authorization, cookie) → the user it authenticated; at most {@value #MAX_KNOWN} entries. */
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private static final int MAX_KNOWN = 10_000;
    /** Counts {@link #forget} calls: a lookup that began before one keeps nothing. */
    private final AtomicLong forgotten = new AtomicLong();

    /** What a request's credentials come to: a user, or a refusal saying what to send. */
    public sealed interface Outcome {
    }

    /** @param csrfToken the session's CSRF token, or null for a bearer token */
    public record Authenticated(UserRecord user, String csrfToken) implements Outcome {
    }

    public record Refused(ServerErrorCode code, String message) implements Outcome {
    }

    /**
     * @param authorization the Authorization header, or null
     * @param sessionCookie the session cookie's value, or null
     * @param csrfToken     the {@value #CSRF_HEADER} header, or null
     */
    public Outcome check(String method, String authorization, String sessionCookie, String csrfToken) {
        Duration keep = config.server().credentialCache();
        if (keep.isZero() || keep.isNegative()) {
            return checkNow(method, authorization, sessionCookie, csrfToken);
        }
        String key = key(authorization, sessionCookie);
        long now = System.nanoTime();
        Known hit = known.get(key);
        if (hit != null && now - hit.until() < 0) {
            return csrf(method, hit.outcome(), csrfToken);
        }
        long generation = forgotten.get();
        Outcome outcome = checkNow(method, authorization, sessionCookie, csrfToken);
        if (outcome instanceof Authenticated authenticated) {
            if (known.size() >= MAX_KNOWN) {
                known.clear();
            }
            Known entry = new Known(authenticated, now + keep.toNanos());
            known.put(key, entry);
            if (forgotten.get() != generation) { // something ended a credential meanwhile: this answer may be from before it
                known.remove(key, entry);
            }
        }
        return outcome;
    }

    /** Forgets every credential found good, so that the next request of each reads the catalog: one may have just ended. */
    public void forget() {
        forgotten.incrementAndGet();
        known.clear();
    }

    private static String key(String authorization, String sessionCookie) {
        return io.flowfile.engine.plan.CacheKeys.sha256((authorization == null ? "-" : "A" + authorization) + "\n"
                + (sessionCookie == null ? "-" : "C" + sessionCookie));
    }

    /** {@link #check} reading the catalog every time (what an open event stream is checked again with). */
    public Outcome checkNow(String method, String authorization, String sessionCookie, String csrfToken) {
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return new Refused(ServerErrorCode.UNAUTHENTICATED, "the Authorization header must be 'Bearer TOKEN'");
            }
            Optional<UserRecord> user = tokens.authenticate(authorization.substring(7).trim());
            return user.<Outcome>map(found -> new Authenticated(found, null))
                    .orElseGet(() -> new Refused(ServerErrorCode.UNAUTHENTICATED, "the bearer token is unknown, revoked or expired"));
        }
        if (sessionCookie == null || sessionCookie.isBlank()) {
            return new Refused(ServerErrorCode.UNAUTHENTICATED, "log in first: send a session cookie or 'Authorization: Bearer TOKEN'");
        }
        var session = sessions.authenticate(sessionCookie);
        if (session.isEmpty()) {
            return new Refused(ServerErrorCode.UNAUTHENTICATED, "the session has ended; log in again");
        }
        return csrf(method, new Authenticated(session.get().user(), session.get().csrfToken()), csrfToken);
    }

    /** A change with a session cookie needs the session's CSRF token (a bearer token needs none). */
    private static Outcome csrf(String method, Authenticated authenticated, String csrfToken) {
        if (authenticated.csrfToken() == null || SAFE_METHODS.contains(method)) {
            return authenticated;
        }
        if (csrfToken == null || !MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                authenticated.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            return new Refused(ServerErrorCode.CSRF_TOKEN_MISSING, "a change with a session cookie needs the session's CSRF token in the "
                    + CSRF_HEADER + " header (it is in the " + CSRF_COOKIE + " cookie and in GET /api/auth/me)");
        }
        return authenticated;
    }
}
