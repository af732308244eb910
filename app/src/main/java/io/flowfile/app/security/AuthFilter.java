package io.flowfile.app.security;

import io.flowfile.app.api.ErrorMappers;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.SessionService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every API request but login: a bearer token ({@code Authorization: Bearer ff_...})
 * or the browser's session cookie. A request that changes something with a session cookie must
 * also carry the session's CSRF token in {@value #CSRF_HEADER} (the browser sends the cookie by
 * itself; another site's page cannot read the token to send it).
 */
public class AuthFilter {

    public static final String SESSION_COOKIE = "flowfile_session";
    public static final String CSRF_COOKIE = "flowfile_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> PUBLIC_PATHS = Set.of("/api/auth/login");

    @Inject
    CurrentUser current;

    @Inject
    ApiTokenService tokens;

    @Inject
    SessionService sessions;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || PUBLIC_PATHS.contains(path)) {
            return Optional.empty();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return refuse(ServerErrorCode.UNAUTHENTICATED, "the Authorization header must be 'Bearer TOKEN'");
            }
            Optional<UserRecord> user = tokens.authenticate(authorization.substring(7).trim());
            if (user.isEmpty()) {
                return refuse(ServerErrorCode.UNAUTHENTICATED, "the bearer token is unknown, revoked or expired");
            }
            current.set(user.get(), null);
            return Optional.empty();
        }
        Cookie cookie = request.getCookies().get(SESSION_COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            return refuse(ServerErrorCode.UNAUTHENTICATED, "log in first: send a session cookie or 'Authorization: Bearer TOKEN'");
        }
        var session = sessions.authenticate(cookie.getValue());
        if (session.isEmpty()) {
            return refuse(ServerErrorCode.UNAUTHENTICATED, "the session has ended; log in again");
        }
        if (!SAFE_METHODS.contains(request.getMethod())) {
            String sent = request.getHeaderString(CSRF_HEADER);
            if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    session.get().csrfToken().getBytes(StandardCharsets.UTF_8))) {
                return refuse(ServerErrorCode.CSRF_TOKEN_MISSING, "a change with a session cookie needs the session's CSRF token in the "
                        + CSRF_HEADER + " header (it is in the " + CSRF_COOKIE + " cookie and in GET /api/auth/me)");
            }
        }
        current.set(session.get().user(), session.get().csrfToken());
        return Optional.empty();
    }

    private static Optional<Response> refuse(ServerErrorCode code, String message) {
        return Optional.of(ErrorMappers.respond(code.status(), code, message, List.of(), null));
    }
}
