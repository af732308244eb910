package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

/**
 * A new API token with its secret: the only time the secret is shown (the catalog keeps its SHA-256).
 *
 * @param secret {@code ff_} and 43 characters of URL-safe base64 (32 random bytes)
 */
public record CreatedToken(ApiTokenRecord record, String secret) {

    public CreatedToken {
        requireNonNull(record, "record is null");
        requireNonNull(secret, "secret is null");
    }

    /** Without the secret, so that a log line never shows it. */
    @Override
    public String toString() {
        return "CreatedToken[record=" + record + ", secret=***]";
    }
}
