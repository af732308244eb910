package io.flowfile.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** What the kernel endpoints take and answer. */
public final class KernelDtos {

    private KernelDtos() {
    }

    /**
     * A kernel definition as a user writes it; the owner is the user who sends it. Durations are
     * ISO-8601 ({@code PT30M}) or seconds; 0 or absent: no limit.
     */
    public record KernelRequest(String id, String name, List<String> packages, Double memoryGb, Double cpus, Integer gpus,
                                String recoveryMode, String idleTimeout, String maxLifetime) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KernelDto(String id, String name, String owner, List<String> packages, double memoryGb, double cpus, int gpus,
                            String recoveryMode, String idleTimeout, String maxLifetime, String state, String reason,
                            Instant startedAt, Instant lastActivity, int queued, int queuePosition, Usage usage, String image) {
    }

    public record Usage(long memoryUsedBytes, long memoryLimitBytes, double memoryPercent, double cpuPercent) {
    }

    /**
     * The packages of a kernel's environment: the image's lock and, once its environment is built
     * (at its first start), the resolved lock of its own packages.
     *
     * @param resolved whether every package's version is known (false until the kernel's own packages are resolved)
     * @param packages every package, by name; {@code version} null for a requested package not resolved yet
     */
    public record KernelEnvironment(boolean resolved, List<LockedPackage> packages) {
    }

    /** @param requested whether the kernel's definition asks for it (the rest comes with the image or as a dependency) */
    public record LockedPackage(String name, String version, boolean requested) {
    }

    /** How to attach any Jupyter client to a running kernel (its owner only). */
    public record Connection(Object connectionFile, String path, String command) {
    }

    /** Whether kernels can run here, and if not, exactly what to do. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DockerStatus(boolean reachable, String version, String image, boolean imagePresent, String problem, String fix) {
    }
}
