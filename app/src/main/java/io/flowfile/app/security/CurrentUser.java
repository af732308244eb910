package io.flowfile.app.security;

import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.UserRecord;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** Who sent the request being handled: set by {@link AuthFilter}, read by resources and services. */
@RequestScoped
public class CurrentUser {

    /**
     * What the request proved who it is with, as sent, so that a long-lived answer (an event stream)
     * can check it again later ({@link StreamGuard}).
     *
     * @param authorization the Authorization header, or null
     * @param sessionCookie the session cookie's value, or null
     */
    public record Credential(String authorization, String sessionCookie) {
        /** Never the secrets themselves. */
        @Override
        public String toString() {
            return authorization != null ? "Credential[bearer token]" : sessionCookie != null ? "Credential[session]" : "Credential[none]";
        }
    }

    private UserRecord user;
    private String csrfToken;
    private Credential credential;

    void set(UserRecord user, String csrfToken, Credential credential) {
        this.user = user;
        this.csrfToken = csrfToken;
        this.credential = credential;
    }

    /** The credential the request came with. */
    public Credential credential() {
        get();
        return credential;
    }

    /** The authenticated user; every endpoint but login and health has one. */
    public UserRecord get() {
        if (user == null) {
            throw new ApiException(ServerErrorCode.UNAUTHENTICATED, "log in first: send a session cookie or 'Authorization: Bearer TOKEN'");
        }
        return user;
    }

    public String username() {
        return get().username();
    }

    public boolean isAdmin() {
        return get().role() == Role.ADMIN;
    }

    /** The session's CSRF token when the request came with a session cookie. */
    public Optional<String> csrfToken() {
        return Optional.ofNullable(csrfToken);
    }
}
