package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A new browser session: the secret goes into the session cookie (the catalog keeps its SHA-256),
 * the CSRF token is what the browser must send back with every change.
 */
public record CreatedSession(String secret, String csrfToken, Instant expires) {

    public CreatedSession {
        requireNonNull(secret, "secret is null");
        requireNonNull(csrfToken, "csrfToken is null");
        requireNonNull(expires, "expires is null");
    }

    /** Without the secrets, so that a log line never shows them. */
    @Override
    public String toString() {
        return "CreatedSession[secret=***, csrfToken=***, expires=" + expires + "]";
    }
}
