package io.flowfile.app.catalog;

import io.flowfile.app.FlowfileApplication;
import io.flowfile.catalog.CatalogSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the catalog's settings from the application's configuration. */
public final class CatalogConfiguration {

    @Produces
    @Singleton
    CatalogSettings settings(@ConfigProperty(name = FlowfileApplication.DATA_DIRECTORY_PROPERTY) Path dataDirectory) {
        return new CatalogSettings(dataDirectory, CatalogSettings.DEFAULT_BLOB_GRACE_PERIOD);
    }
}
