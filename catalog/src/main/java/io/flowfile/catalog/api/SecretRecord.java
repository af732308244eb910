package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A user's secret as anyone may see it: its name and when it was set, never its value.
 *
 * @param updated when its value was last set (equal to {@code created} until it is replaced)
 */
public record SecretRecord(String name, Instant created, Instant updated) {

    public SecretRecord {
        requireNonNull(name, "name is null");
        requireNonNull(created, "created is null");
        requireNonNull(updated, "updated is null");
    }
}
