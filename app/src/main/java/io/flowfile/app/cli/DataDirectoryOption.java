package io.flowfile.app.cli;

import io.flowfile.app.catalog.Catalog;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir}, which every command accepts (the engine's options carry it too), and the
 * catalog under it. The application reads it before it starts ({@link #dataDirectory(String[])}),
 * since the catalog lives there.
 */
@jakarta.enterprise.context.Dependent
@io.quarkus.arc.Unremovable
public final class DataDirectoryOption {

    @jakarta.inject.Inject
    jakarta.enterprise.inject.Instance<Catalog> catalogs;

    @Option(names = "--data-dir", paramLabel = "DIR", converter = Converters.DataDirectory.class, description = "The data directory (default: $FLOWFILE_DATA_DIR or ~/.flowfile).")
    Path dataDirectory;

    /** The catalog, when the command runs as the application. */
    public Optional<Catalog> catalog() {
        return Catalog.of(catalogs);
    }

    /** The catalog, or an error of the command {@code spec} saying how to get one. */
    public Catalog requireCatalog(CommandLine.Model.CommandSpec spec) {
        return catalog().orElseThrow(() -> new CommandLine.ExecutionException(spec.commandLine(),
                "the catalog is not available: run this command through ./flowfile"));
    }

    /** The data directory given, else the default one. */
    public Path dataDirectory() {
        return dataDirectory != null ? dataDirectory : defaultDataDirectory();
    }

    /**
     * The data directory a command line will use, found before the command is parsed (the
     * catalog's database lives there): {@code --data-dir}, else the default.
     */
    public static Path dataDirectory(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--data-dir=")) {
                return Path.of(args[i].substring("--data-dir=".length()));
            }
            if (args[i].equals("--")) {
                break;
            }
        }
        return defaultDataDirectory();
    }

    static Path defaultDataDirectory() {
        String fromEnvironment = System.getenv("FLOWFILE_DATA_DIR");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        return Path.of(System.getProperty("user.home"), ".flowfile");
    }
}
