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

    private UserRecord user;
    private String csrfToken;

    void set(UserRecord user, String csrfToken) {
        this.user = user;
        this.csrfToken = csrfToken;
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
