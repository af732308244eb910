package io.flowfile.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How an engine is set up. Library code takes this record; only the application reads
 * configuration files or the environment.
 *
 * @param dataDirectory   where the result cache and DuckDB's spill files live
 * @param duckDbThreads   DuckDB worker threads
 * @param parallelism     how many independent stages run at once
 * @param memoryLimit     DuckDB memory limit, e.g. {@code 8GB}
 * @param cacheMaxBytes   size limit of the result cache on disk
 */
public record EngineConfig(Path dataDirectory, int duckDbThreads, int parallelism, String memoryLimit, long cacheMaxBytes) {

    public EngineConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory is null");
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
