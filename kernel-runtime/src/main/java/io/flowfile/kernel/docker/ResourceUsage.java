package io.flowfile.kernel.docker;

/**
 * A kernel's live resource use, from the container's cgroup as Docker reports it.
 *
 * @param memoryUsedBytes  memory in use, without the page cache (as {@code docker stats} shows it)
 * @param memoryLimitBytes the container's limit
 * @param cpuPercent       CPU use over the last sample, 100 = one core
 */
public record ResourceUsage(long memoryUsedBytes, long memoryLimitBytes, double cpuPercent) {

    public double memoryPercent() {
        return memoryLimitBytes <= 0 ? 0 : 100.0 * memoryUsedBytes / memoryLimitBytes;
    }
}
