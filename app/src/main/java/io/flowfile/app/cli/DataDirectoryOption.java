package io.flowfile.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir} for commands that take no engine options: every command accepts it. The
 * application reads it before it starts ({@link EngineOptions#dataDirectory(String[])}), since the
 * catalog lives under it.
 */
@jakarta.enterprise.context.Dependent
@io.quarkus.arc.Unremovable
public final class DataDirectoryOption {

    @jakarta.inject.Inject
    jakarta.enterprise.inject.Instance<io.flowfile.app.catalog.Catalog> catalogs;

    /** The catalog, when the command runs as the application. */
    public java.util.Optional<io.flowfile.app.catalog.Catalog> catalog() {
        return io.flowfile.app.catalog.Catalog.of(catalogs);
    }

    @Option(names = "--data-dir", paramLabel = "DIR", converter = Converters.DataDirectory.class, description = "The data directory (default: $FLOWFILE_DATA_DIR or ~/.flowfile).")
    Path dataDirectory;

    /** The data directory given, else the default one. */
    public Path dataDirectory() {
        return dataDirectory != null ? dataDirectory : EngineOptions.defaultDataDirectory();
    }
}
