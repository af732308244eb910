package io.flowfile.app.catalog;

import io.flowfile.app.config.FlowfileConfig;
import io.flowfile.catalog.CatalogSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the catalog's settings from the application's configuration. */
public final class CatalogConfiguration {

    @Produces
    @Singleton
    CatalogSettings settings(FlowfileConfig config) {
        return new CatalogSettings(config.dataDirectory(), CatalogSettings.DEFAULT_BLOB_GRACE_PERIOD)
                .withPasswordHashCost(config.passwordHashCost()).withSecretsKey(config.secretsKey().orElse(null));
    }
}
