package io.flowfile.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir} for commands that take no engine options: every command accepts it. The
 * application reads it before it starts ({@link EngineOptions#dataDirectory(String[])}), since the
 * catalog lives under it.
 */
public final class DataDirectoryOption {

    @Option(names = "--data-dir", paramLabel = "DIR", converter = Converters.DataDirectory.class, description = "The data directory (default: $FLOWFILE_DATA_DIR or ~/.flowfile).")
    Path dataDirectory;
}
