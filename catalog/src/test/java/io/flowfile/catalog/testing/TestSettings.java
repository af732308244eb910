package io.flowfile.catalog.testing;

import io.flowfile.catalog.CatalogSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Provides the catalog's settings in tests, as the app's producer does in production: the data
 * directory is the one the test profile (H2Catalog, PostgresCatalog) chose, the password hashes are cheap.
 */
@ApplicationScoped
public class TestSettings {

    /** Set by each test profile. */
    public static final String DATA_DIRECTORY = "catalog-test.data-directory";
    /** bcrypt's lowest cost: a password hash takes about a millisecond instead of a quarter second. */
    public static final int PASSWORD_HASH_COST = 4;

    @Produces
    @Singleton // a record is final: it cannot sit behind a normal scope's client proxy
    CatalogSettings settings(@ConfigProperty(name = DATA_DIRECTORY) String dataDirectory) {
        return new CatalogSettings(Path.of(dataDirectory), CatalogSettings.DEFAULT_BLOB_GRACE_PERIOD)
                .withPasswordHashCost(PASSWORD_HASH_COST);
    }
}
