package io.flowfile.app.security;

import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.SessionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Checks what a request sent to prove who it is, for the API ({@link AuthFilter}) and the
 * management endpoints under {@code /q} ({@link ManagementAuth}) alike: a bearer token
 * ({@code Authorization: Bearer ff_...}) or the browser's session cookie. A request that changes
 * something with a session cookie must also carry the session's CSRF token in {@value #CSRF_HEADER}
 * (the browser sends the cookie by itself; another site's page cannot read the token to send it).
 * It reads the catalog: call it off the event loop.
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
        if (!SAFE_METHODS.contains(method) && (csrfToken == null || !MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                session.get().csrfToken().getBytes(StandardCharsets.UTF_8)))) {
            return new Refused(ServerErrorCode.CSRF_TOKEN_MISSING, "a change with a session cookie needs the session's CSRF token in the "
                    + CSRF_HEADER + " header (it is in the " + CSRF_COOKIE + " cookie and in GET /api/auth/me)");
        }
        return new Authenticated(session.get().user(), session.get().csrfToken());
    }
}
