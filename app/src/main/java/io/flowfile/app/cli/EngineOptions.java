package io.flowfile.app.cli;

import io.flowfile.engine.EngineConfig;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.registry.NodeRegistry;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that start an engine, with the data directory and its catalog;
 * made by the container when the command line runs as the application.
 */
@jakarta.enterprise.context.Dependent
@io.quarkus.arc.Unremovable
public final class EngineOptions {

    @Mixin
    DataDirectoryOption dataDirectoryOption;

    @Option(names = "--threads", paramLabel = "N", converter = Converters.Threads.class,
            description = "DuckDB threads, 1 to 4096 (default: all cores).")
    Integer threads;

    @Option(names = "--memory-limit", paramLabel = "SIZE", converter = Converters.MemoryLimit.class,
            description = "DuckDB memory limit, e.g. 512MB, 1.5GB or 8GiB (default: 60%% of RAM).")
    String memoryLimit;

    @Option(names = "--parallelism", paramLabel = "N", converter = Converters.Parallelism.class,
            description = "Independent branches run at once, 1 to 64 (default: 2).")
    Integer parallelism;

    public Path dataDirectory() {
        return dataDirectoryOption.dataDirectory();
    }

    /** The catalog, when the command runs as the application. */
    public java.util.Optional<io.flowfile.app.catalog.Catalog> catalog() {
        return dataDirectoryOption.catalog();
    }

    /** The catalog, or an error of the command {@code spec} saying how to get one. */
    public io.flowfile.app.catalog.Catalog requireCatalog(picocli.CommandLine.Model.CommandSpec spec) {
        return dataDirectoryOption.requireCatalog(spec);
    }

    public EngineConfig config() {
        Path directory = dataDirectory();
        if (java.nio.file.Files.exists(directory) && !java.nio.file.Files.isDirectory(directory)) {
            throw new IllegalArgumentException("the data directory " + directory + " is a file; give a directory with --data-dir"
                    + " or FLOWFILE_DATA_DIR (it is made when missing)");
        }
        EngineConfig defaults = EngineConfig.defaults(directory);
        return new EngineConfig(defaults.dataDirectory(),
                threads != null ? threads : defaults.duckDbThreads(),
                parallelism != null ? parallelism : defaults.parallelism(),
                memoryLimit != null ? memoryLimit : defaults.memoryLimit(),
                defaults.cacheMaxBytes());
    }

    public FlowEngine start() {
        return FlowEngine.create(config(), CliNodeTypes.registry(dataDirectory()));
    }

    /** An engine whose Python Script nodes run on {@code kernels}. */
    public FlowEngine start(io.flowfile.app.kernel.LazyKernelGateway kernels) {
        return FlowEngine.create(config(), CliNodeTypes.registry(dataDirectory()), kernels);
    }

    /** The kernel plane of this data directory, opened only if a node needs a kernel. */
    public io.flowfile.app.kernel.LazyKernelGateway kernels() {
        return new io.flowfile.app.kernel.LazyKernelGateway(dataDirectory(), catalog());
    }
}
