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
 * a browser session (cookies) and sends the browser on to the web UI without the token in the address.
 */
@ApplicationScoped
public class LoginLink {

    @Inject
    ApiTokenService tokens;

    @Inject
    SessionService sessions;

    @Inject
    FlowfileConfig config;

    @Inject
    Credentials credentials;

    /** The token of the link this server printed: revoked when the server stops. */
    private volatile LinkToken issued;

    private record LinkToken(java.util.UUID user, java.util.UUID id) {
    }

    /** The name of a link token starts with this, followed by the scheduler instance of the server that printed it. */
    static final String NAME_PREFIX = "login link of server ";

    /**
     * A new token for the printed link, logging in as {@code user}; it lasts until the server stops.
     * A server killed before it could revoke its link's token (kill -9, a crash) is found dead by its
     * scheduler instance ({@code instance}), and the next sweep of a server on the same catalog revokes
     * the token ({@link #revokeLinksOfStoppedServers}).
     */
    public String issue(UserRecord user, Optional<String> instance) {
        String name = instance.map(id -> NAME_PREFIX + id).orElse("login link of the server started at " + java.time.Instant.now());
        var token = tokens.create(user.id(), name, Optional.empty());
        issued = new LinkToken(user.id(), token.record().id());
        return token.secret();
    }

    /** Revokes the link tokens of servers whose scheduler instance is not among {@code live}; how many. */
    public int revokeLinksOfStoppedServers(java.util.Set<String> live) {
        int revoked = tokens.revokeNamed(NAME_PREFIX, name -> !live.contains(name.substring(NAME_PREFIX.length())));
        if (revoked > 0) {
            credentials.forget();
        }
        return revoked;
    }

    /** Shutdown observers run before the catalog closes, so the revocation reaches it. */
    void revokeAtStop(@Observes io.quarkus.runtime.ShutdownEvent event) {
        LinkToken token = issued;
        if (token != null) {
            tokens.revoke(token.user(), token.id());
            issued = null;
        }
    }

    void routes(@Observes Router router) {
        router.get("/").order(-1000).blockingHandler(this::root, false);
        // The web UI's own addresses (/drafts/<id>, ...) are pages of the one-page application: the
        // browser gets its index.html and the UI reads the address. API, management and asset paths,
        // and anything with a file extension, are left to their handlers.
        router.getWithRegex(UI_PAGES).order(-1000).handler(context -> context.reroute("/"));
    }

    static final String UI_PAGES = "^/(?!api/|api$|q/|q$|assets/)[^.]+$";

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
            redirect(context, "/");
            return;
        }
        context.next();
    }

    private static void redirect(RoutingContext context, String location) {
        context.response().setStatusCode(303).putHeader("Location", location).end();
    }
}
