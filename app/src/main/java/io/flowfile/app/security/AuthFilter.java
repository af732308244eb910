package io.flowfile.app.security;

import io.flowfile.app.api.ErrorMappers;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every API request but login by its {@link Credentials}: a bearer token or the
 * browser's session cookie (with the session's CSRF token for a change). The management endpoints
 * under {@code /q} are not the REST layer's: {@link ManagementAuth} guards them.
 */
public class AuthFilter {

    public static final String SESSION_COOKIE = Credentials.SESSION_COOKIE;
    public static final String CSRF_COOKIE = Credentials.CSRF_COOKIE;
    public static final String CSRF_HEADER = Credentials.CSRF_HEADER;
    private static final Set<String> PUBLIC_PATHS = Set.of("/api/auth/login");

    @Inject
    CurrentUser current;

    @Inject
    Credentials credentials;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || PUBLIC_PATHS.contains(path)) {
            return Optional.empty();
        }
        Cookie cookie = request.getCookies().get(SESSION_COOKIE);
        var credential = new CurrentUser.Credential(request.getHeaderString(HttpHeaders.AUTHORIZATION), cookie == null ? null : cookie.getValue());
        return switch (credentials.check(request.getMethod(), credential.authorization(), credential.sessionCookie(),
                request.getHeaderString(CSRF_HEADER))) {
            case Credentials.Authenticated authenticated -> {
                current.set(authenticated.user(), authenticated.csrfToken(), credential);
                yield Optional.empty();
            }
            case Credentials.Refused refused -> Optional.of(ErrorMappers.respond(refused.code().status(), refused.code(), refused.message(),
                    List.of(), null));
        };
    }
}
