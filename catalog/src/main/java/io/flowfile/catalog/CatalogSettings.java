package io.flowfile.catalog;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The catalog's own settings, as a plain value: the application makes one from its configuration and
 * provides it as a CDI bean (a producer method), see README.md. The database is the default Quarkus
 * datasource, which the application configures too.
 *
 * @param dataDirectory    root of the catalog's files: blobs live under {@code <data-directory>/blobs}
 *                         (the default H2 database lives under {@code <data-directory>/catalog}, as
 *                         the application's datasource URL says)
 * @param blobGracePeriod  how old an unreferenced blob must be before a sweep deletes it: a publish
 *                         stores its blob first and commits its row afterwards, within this time
 * @param passwordHashCost the bcrypt cost (log2 of its rounds, 4-31) of new password hashes; each step
 *                         doubles the work of a login. Existing hashes keep the cost they were made with.
 * @param secretsKey       the key users' secrets are encrypted with: 32 bytes in base64; null for the
 *                         key in {@code <data-directory>/secrets.key}, made on first use. Every server
 *                         on one database needs the same key.
 */
public record CatalogSettings(Path dataDirectory, Duration blobGracePeriod, int passwordHashCost, String secretsKey) {

    /** The grace period the README suggests. */
    public static final Duration DEFAULT_BLOB_GRACE_PERIOD = Duration.ofHours(1);
    /** About a quarter of a second per hash on a current core. */
    public static final int DEFAULT_PASSWORD_HASH_COST = 12;
    /** The bounds bcrypt itself sets. */
    public static final int MIN_PASSWORD_HASH_COST = 4;
    public static final int MAX_PASSWORD_HASH_COST = 31;

    public CatalogSettings {
        dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null").toAbsolutePath();
        requireNonNull(blobGracePeriod, "blobGracePeriod is null");
        if (blobGracePeriod.isNegative()) {
            throw new IllegalArgumentException("blobGracePeriod must not be negative, was " + blobGracePeriod);
        }
        if (passwordHashCost < MIN_PASSWORD_HASH_COST || passwordHashCost > MAX_PASSWORD_HASH_COST) {
            throw new IllegalArgumentException("passwordHashCost must be between " + MIN_PASSWORD_HASH_COST + " and "
                    + MAX_PASSWORD_HASH_COST + ", was " + passwordHashCost);
        }
    }

    /** With the default password hash cost and the data directory's secrets key. */
    public CatalogSettings(Path dataDirectory, Duration blobGracePeriod) {
        this(dataDirectory, blobGracePeriod, DEFAULT_PASSWORD_HASH_COST, null);
    }

    public CatalogSettings withPasswordHashCost(int cost) {
        return new CatalogSettings(dataDirectory, blobGracePeriod, cost, secretsKey);
    }

    public CatalogSettings withSecretsKey(String key) {
        return new CatalogSettings(dataDirectory, blobGracePeriod, passwordHashCost, key);
    }

    /** Without the secrets key, so that a log line never shows it. */
    @Override
    public String toString() {
        return "CatalogSettings[dataDirectory=" + dataDirectory + ", blobGracePeriod=" + blobGracePeriod + ", passwordHashCost="
                + passwordHashCost + ", secretsKey=" + (secretsKey == null ? "<data directory>" : "***") + "]";
    }
}
