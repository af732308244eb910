package io.flowfile.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How an engine is set up. Library code takes this record; only the application reads
 * configuration files or the environment.
 *
 * @param dataDirectory   where the result cache and DuckDB's spill files live
 * @param duckDbThreads   DuckDB worker threads
 * @param parallelism     how many independent stages run at once
 * @param memoryLimit     DuckDB memory limit, e.g. {@code 8GB}
 * @param cacheMaxBytes   size limit of the result cache on disk
 * @param fileRoots       when present, the only directories user SQL and file nodes may read or write
 *                        (besides the engine's own cache and spill directories); DuckDB's external
 *                        access is then restricted to them and its configuration locked. Empty: full
 *                        access, as the user who runs the command line has.
 */
public record EngineConfig(Path dataDirectory, int duckDbThreads, int parallelism, String memoryLimit, long cacheMaxBytes,
                           Optional<List<Path>> fileRoots) {

    public EngineConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory is null");
        Objects.requireNonNull(fileRoots, "fileRoots is null");
        fileRoots = fileRoots.map(roots -> roots.stream().map(root -> root.toAbsolutePath().normalize()).toList());
        Objects.requireNonNull(memoryLimit, "memoryLimit is null");
        if (duckDbThreads < 1) {
            throw new IllegalArgumentException("duckDbThreads must be at least 1, got " + duckDbThreads);
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism must be between 1 and 64, got " + parallelism);
        }
        if (cacheMaxBytes < 0) {
            throw new IllegalArgumentException("cacheMaxBytes must not be negative, got " + cacheMaxBytes);
        }
    }

    /** An engine with full file access. */
    public EngineConfig(Path dataDirectory, int duckDbThreads, int parallelism, String memoryLimit, long cacheMaxBytes) {
        this(dataDirectory, duckDbThreads, parallelism, memoryLimit, cacheMaxBytes, Optional.empty());
    }

    /** This configuration with user SQL and file nodes restricted to {@code roots}. */
    public EngineConfig withFileRoots(List<Path> roots) {
        return new EngineConfig(dataDirectory, duckDbThreads, parallelism, memoryLimit, cacheMaxBytes, Optional.of(List.copyOf(roots)));
    }

    /** Defaults for this machine: every core for DuckDB, two stages at once, 60% of memory. */
    public static EngineConfig defaults(Path dataDirectory) {
        int cores = Runtime.getRuntime().availableProcessors();
        long memory = (long) (physicalMemoryBytes() * 0.6);
        return new EngineConfig(dataDirectory, cores, 2, Math.max(1, memory / (1024 * 1024)) + "MB", 10L * 1024 * 1024 * 1024);
    }

    private static long physicalMemoryBytes() {
        var bean = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (bean instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory() * 4;
    }
}
