package io.flowfile.app.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowfile.app.api.ApiError;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The management endpoints under {@code /q} (metrics, the OpenAPI document and its UI) are Vert.x
 * routes that the REST layer's {@link AuthFilter} never sees: this route runs before them and asks
 * for the same {@link Credentials}. Only the health checks ({@code /q/health} and below) stay open,
 * for probes that hold no token. A browser that followed the login link has the session cookie.
 */
@ApplicationScoped
public class ManagementAuth {

    /** Before every other route (the login link's are at -1000). */
    private static final int ORDER = -2000;

    @Inject
    Credentials credentials;

    @Inject
    ObjectMapper json;

    void routes(@Observes Router router) {
        router.route("/q/*").order(ORDER).blockingHandler(this::authenticate, false);
    }

    /** Whether {@code path} (normalized) is open to anyone: the health checks. */
    static boolean isOpen(String path) {
        return path.equals("/q/health") || path.startsWith("/q/health/");
    }

    private void authenticate(RoutingContext context) {
        if (isOpen(context.normalizedPath())) {
            context.next();
            return;
        }
        Cookie session = context.request().getCookie(Credentials.SESSION_COOKIE);
        switch (credentials.check(context.request().method().name(), context.request().getHeader(HttpHeaders.AUTHORIZATION),
                session == null ? null : session.getValue(), context.request().getHeader(Credentials.CSRF_HEADER))) {
            case Credentials.Authenticated user -> context.next();
            case Credentials.Refused refused -> {
                var body = new ApiError(refused.code().code(), refused.code().name(), refused.code().type().name(), refused.message(),
                        List.of(), null, null);
                try {
                    context.response().setStatusCode(refused.code().status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .end(json.writeValueAsString(body));
                } catch (JsonProcessingException e) {
                    context.fail(e);
                }
            }
        }
    }
}
