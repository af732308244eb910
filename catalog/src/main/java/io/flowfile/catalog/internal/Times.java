package io.flowfile.catalog.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as both databases store them (microseconds), so a record equals what is read back. */
public final class Times {

    private Times() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
