package io.flowfile.app.api;

import io.flowfile.app.api.Dtos.LoginRequest;
import io.flowfile.app.api.Dtos.Me;
import io.flowfile.app.api.Dtos.UserDto;
import io.flowfile.app.config.FlowfileConfig;
import io.flowfile.app.security.AuthFilter;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.user.SessionService;
import io.flowfile.catalog.user.UserService;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Browser logins: a session cookie (HTTP-only, SameSite=Strict) and the session's CSRF token. */
@Path("/api/auth")
@Tag(name = "auth", description = "Log in and out; who am I")
public class AuthResource {

    @Inject
    io.flowfile.app.security.StreamGuard guard;

    @Inject
    UserService users;

    @Inject
    SessionService sessions;

    @Inject
    CurrentUser current;

    @Inject
    FlowfileConfig config;

    @POST
    @Path("/login")
    @Operation(summary = "Log in with a username and password: sets the session cookie, answers the CSRF token")
    public Response login(LoginRequest request) {
        if (request == null || request.username() == null || request.password() == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "send {\"username\": ..., \"password\": ...}");
        }
        UserRecord user = users.authenticate(request.username(), request.password())
                .orElseThrow(() -> new ApiException(ServerErrorCode.UNAUTHENTICATED, "wrong username or password"));
        return loggedIn(sessions, config, user);
    }

    /** Answers a new session of {@code user} with its cookies (also used by the login link). */
    public static Response loggedIn(SessionService sessions, FlowfileConfig config, UserRecord user) {
        var session = sessions.create(user.id(), config.server().sessionLifetime());
        int maxAge = (int) config.server().sessionLifetime().toSeconds();
        return Response.ok(new Me(dto(user), session.csrfToken()))
                .cookie(sessionCookie(session.secret(), maxAge), csrfCookie(session.csrfToken(), maxAge))
                .build();
    }

    @POST
    @Path("/logout")
    @Operation(summary = "End the browser session")
    public Response logout(@CookieParam(AuthFilter.SESSION_COOKIE) String session) {
        current.get();
        if (session != null) {
            sessions.delete(session);
            guard.checkSoon();
        }
        return Response.noContent().cookie(sessionCookie("", 0), csrfCookie("", 0)).build();
    }

    @GET
    @Path("/me")
    @Operation(summary = "The logged-in user (and the session's CSRF token when logged in by cookie)")
    public Me me() {
        return new Me(dto(current.get()), current.csrfToken().orElse(null));
    }

    public static UserDto dto(UserRecord user) {
        return new UserDto(user.id(), user.username(), user.role().name().toLowerCase(java.util.Locale.ROOT), user.created());
    }

    public static NewCookie sessionCookie(String value, int maxAge) {
        return new NewCookie.Builder(AuthFilter.SESSION_COOKIE).value(value).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    public static NewCookie csrfCookie(String value, int maxAge) {
        return new NewCookie.Builder(AuthFilter.CSRF_COOKIE).value(value).path("/").httpOnly(false)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}
