package io.flowfile.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The catalog's own settings. The database is the default Quarkus datasource; see README.md for what
 * the application sets.
 */
@ConfigMapping(prefix = "flowfile.catalog")
public interface CatalogConfig {

    /**
     * Root of the catalog's files: blobs under {@code <data-directory>/blobs}; the default H2 database
     * lives under {@code <data-directory>/catalog} (the application's datasource URL says so).
     */
    @WithDefault("${user.home}/.flowfile")
    Path dataDirectory();

    /**
     * How old an unreferenced blob must be before a sweep deletes it: a publish stores its blob first
     * and commits its row afterwards, within this time.
     */
    @WithDefault("PT1H")
    Duration blobGracePeriod();
}
