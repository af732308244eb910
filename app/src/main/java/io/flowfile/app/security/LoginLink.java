package io.flowfile.app.security;

import io.flowfile.app.config.FlowfileConfig;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.SessionService;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The link {@code flowfile serve} prints, as Jupyter's: {@code /?token=...} exchanges the token for
 * a browser session (cookies) and sends the browser on to the page without the token. Until the web
 * UI is packaged, {@code /} sends the browser to the API's OpenAPI UI.
 */
@ApplicationScoped
public class LoginLink {

    static final String OPENAPI_UI = "/q/swagger-ui/";

    @Inject
    ApiTokenService tokens;

    @Inject
    SessionService sessions;

    @Inject
    FlowfileConfig config;

    void routes(@Observes Router router) {
        router.get("/").order(-1000).blockingHandler(this::root, false);
    }

    private void root(RoutingContext context) {
        String token = context.request().getParam("token");
        if (token != null) {
            Optional<UserRecord> user = tokens.authenticate(token);
            if (user.isEmpty()) {
                context.response().setStatusCode(401).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("This login link is not valid (the token is unknown, revoked or expired).\n"
                                + "Use the link the server printed when it started, or log in with a username and password.\n");
                return;
            }
            var session = sessions.create(user.get().id(), config.server().sessionLifetime());
            long maxAge = config.server().sessionLifetime().toSeconds();
            context.response().addCookie(Cookie.cookie(AuthFilter.SESSION_COOKIE, session.secret()).setPath("/").setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT).setMaxAge(maxAge));
            context.response().addCookie(Cookie.cookie(AuthFilter.CSRF_COOKIE, session.csrfToken()).setPath("/")
                    .setSameSite(CookieSameSite.STRICT).setMaxAge(maxAge));
            redirect(context, uiPackaged() ? "/" : OPENAPI_UI);
            return;
        }
        if (uiPackaged()) {
            context.next();
        } else {
            redirect(context, OPENAPI_UI);
        }
    }

    private static void redirect(RoutingContext context, String location) {
        context.response().setStatusCode(303).putHeader("Location", location).end();
    }

    private static boolean uiPackaged() {
        return Thread.currentThread().getContextClassLoader().getResource("META-INF/resources/index.html") != null;
    }
}
