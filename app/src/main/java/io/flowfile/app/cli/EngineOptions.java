package io.flowfile.app.cli;

import io.flowfile.engine.EngineConfig;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.registry.NodeRegistry;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that start an engine. */
public final class EngineOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the result cache and spill files live (default: $FLOWFILE_DATA_DIR or ~/.flowfile).")
    Path dataDirectory;

    @Option(names = "--threads", paramLabel = "N", description = "DuckDB threads (default: all cores).")
    Integer threads;

    @Option(names = "--memory-limit", paramLabel = "SIZE", description = "DuckDB memory limit, e.g. 8GB (default: 60%% of RAM).")
    String memoryLimit;

    @Option(names = "--parallelism", paramLabel = "N", description = "Independent branches run at once (default: 2).")
    Integer parallelism;

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

    private static Path defaultDataDirectory() {
        String fromEnvironment = System.getenv("FLOWFILE_DATA_DIR");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        return Path.of(System.getProperty("user.home"), ".flowfile");
    }

    public EngineConfig config() {
        EngineConfig defaults = EngineConfig.defaults(dataDirectory());
        return new EngineConfig(defaults.dataDirectory(),
                threads != null ? threads : defaults.duckDbThreads(),
                parallelism != null ? parallelism : defaults.parallelism(),
                memoryLimit != null ? memoryLimit : defaults.memoryLimit(),
                defaults.cacheMaxBytes());
    }

    public FlowEngine start() {
        return FlowEngine.create(config(), NodeRegistry.load(EngineOptions.class.getClassLoader()));
    }

    /** An engine whose Python Script nodes run on {@code kernels}. */
    public FlowEngine start(io.flowfile.app.kernel.LazyKernelGateway kernels) {
        return FlowEngine.create(config(), NodeRegistry.load(EngineOptions.class.getClassLoader()), kernels);
    }

    /** The kernel plane of this data directory, opened only if a node needs a kernel. */
    public io.flowfile.app.kernel.LazyKernelGateway kernels() {
        return new io.flowfile.app.kernel.LazyKernelGateway(dataDirectory());
    }
}
