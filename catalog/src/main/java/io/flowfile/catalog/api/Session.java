package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A valid browser session: whose it is, the CSRF token it was given and when it expires. */
public record Session(UserRecord user, String csrfToken, Instant expires) {

    public Session {
        requireNonNull(user, "user is null");
        requireNonNull(csrfToken, "csrfToken is null");
        requireNonNull(expires, "expires is null");
    }

    /** Without the CSRF token, so that a log line never shows it. */
    @Override
    public String toString() {
        return "Session[user=" + user + ", csrfToken=***, expires=" + expires + "]";
    }
}
