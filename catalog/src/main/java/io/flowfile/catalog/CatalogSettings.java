package io.flowfile.catalog;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The catalog's own settings, as a plain value: the application makes one from its configuration and
 * provides it as a CDI bean (a producer method), see README.md. The database is the default Quarkus
 * datasource, which the application configures too.
 *
 * @param dataDirectory   root of the catalog's files: blobs live under {@code <data-directory>/blobs}
 *                        (the default H2 database lives under {@code <data-directory>/catalog}, as
 *                        the application's datasource URL says)
 * @param blobGracePeriod how old an unreferenced blob must be before a sweep deletes it: a publish
 *                        stores its blob first and commits its row afterwards, within this time
 */
public record CatalogSettings(Path dataDirectory, Duration blobGracePeriod) {

    /** The grace period the README suggests. */
    public static final Duration DEFAULT_BLOB_GRACE_PERIOD = Duration.ofHours(1);

    public CatalogSettings {
        dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null").toAbsolutePath();
        requireNonNull(blobGracePeriod, "blobGracePeriod is null");
        if (blobGracePeriod.isNegative()) {
            throw new IllegalArgumentException("blobGracePeriod must not be negative, was " + blobGracePeriod);
        }
    }
}
