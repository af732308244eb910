package io.flowfile.kernel;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the kernel plane needs to know about its surroundings. Library code reads no
 * environment variables: the app builds this record from its typed configuration.
 *
 * @param dockerHost           the Docker engine, e.g. {@code unix:///var/run/docker.sock}
 * @param image                the kernel image for kernels without extra packages
 * @param instanceId           this engine instance; containers are labelled with it and only those are touched
 * @param workRoot             host directory for per-owner exchange, artifact and shared directories and connection files
 * @param containerUser        {@code uid:gid} the kernel runs as (never root)
 * @param pidsLimit            the most processes a kernel may run
 * @param tmpfsBytes           size of the writable /tmp and home directories (counted against the memory limit)
 * @param startTimeout         container start to kernel_info answered
 * @param callTimeout          default timeout of control calls (interrupt, shutdown, kernel_info)
 * @param heartbeatInterval    time between heartbeat pings
 * @param maxKernelsPerOwner   concurrent running kernels per owner; further starts wait in PENDING
 * @param poolSize             prewarmed containers kept per (owner, image, resource profile); 0 disables the pool
 * @param monitorInterval      how often container state and resources are read
 * @param environments         where derived images for kernels with extra packages are built
 * @param exchangeRoot         host directory for the per-owner exchange directories (the files of the data
 *                             hand-off), or null for {@code <workRoot>/owners/<owner>/exchange}; a memory-backed
 *                             file system (tmpfs) there spares the hand-off the disk's write-back
 */
public record KernelRuntimeConfig(
        String dockerHost,
        String image,
        String instanceId,
        Path workRoot,
        String containerUser,
        long pidsLimit,
        long tmpfsBytes,
        Duration startTimeout,
        Duration callTimeout,
        Duration heartbeatInterval,
        int maxKernelsPerOwner,
        int poolSize,
        Duration monitorInterval,
        EnvironmentConfig environments,
        Path exchangeRoot) {

    public static final String DEFAULT_IMAGE = "flowfile-kernel:latest";
    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

    /**
     * Building derived images.
     *
     * @param baseBuildContext the kernel image's build directory (docker/flowfile-kernel), for its lock file
     * @param wheelhouse       host directory where resolved wheels are kept
     * @param findLinks        a local directory of wheels to resolve from instead of the package index (offline), or null
     * @param pipCommand       the host's pip, e.g. {@code python3 -m pip}
     * @param buildTimeout     longest a resolve + build may take
     */
    public record EnvironmentConfig(Path baseBuildContext, Path wheelhouse, Path findLinks, String pipCommand,
                                    Duration buildTimeout) {
        public EnvironmentConfig {
            requireNonNull(baseBuildContext, "baseBuildContext is null");
            requireNonNull(wheelhouse, "wheelhouse is null");
            requireNonNull(pipCommand, "pipCommand is null");
            requireNonNull(buildTimeout, "buildTimeout is null");
        }
    }

    public KernelRuntimeConfig {
        requireNonNull(dockerHost, "dockerHost is null");
        requireNonNull(image, "image is null");
        requireNonNull(instanceId, "instanceId is null");
        requireNonNull(workRoot, "workRoot is null");
        requireNonNull(containerUser, "containerUser is null");
        requireNonNull(startTimeout, "startTimeout is null");
        requireNonNull(callTimeout, "callTimeout is null");
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        requireNonNull(monitorInterval, "monitorInterval is null");
        requireNonNull(environments, "environments is null");
        if (!instanceId.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("instanceId must be 1-64 letters, digits, '.', '_' or '-', was '" + instanceId + "'");
        }
        if (!containerUser.matches("\\d+:\\d+") || containerUser.startsWith("0:")) {
            throw new IllegalArgumentException("containerUser must be a non-root uid:gid, was '" + containerUser + "'");
        }
        if (maxKernelsPerOwner < 1 || poolSize < 0 || pidsLimit < 16) {
            throw new IllegalArgumentException("maxKernelsPerOwner must be >= 1, poolSize >= 0 and pidsLimit >= 16");
        }
    }

    /** Defaults for a single machine: the local Docker engine, the standard image, a pool of one. */
    public static KernelRuntimeConfig defaults(Path workRoot, Path kernelBuildContext, String instanceId) {
        return new KernelRuntimeConfig(DEFAULT_DOCKER_HOST, DEFAULT_IMAGE, instanceId, workRoot, "1000:1000",
                512, 256L << 20, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(2),
                25, 1, Duration.ofSeconds(2),
                new EnvironmentConfig(kernelBuildContext, workRoot.resolve("wheelhouse"), null, "python3 -m pip",
                        Duration.ofMinutes(10)), null);
    }

    public KernelRuntimeConfig withImage(String kernelImage) {
        return new KernelRuntimeConfig(dockerHost, kernelImage, instanceId, workRoot, containerUser, pidsLimit, tmpfsBytes,
                startTimeout, callTimeout, heartbeatInterval, maxKernelsPerOwner, poolSize, monitorInterval, environments, exchangeRoot);
    }

    /** The exchange directories under {@code root} (e.g. on a tmpfs) instead of the work root. */
    public KernelRuntimeConfig withExchangeRoot(Path root) {
        return new KernelRuntimeConfig(dockerHost, image, instanceId, workRoot, containerUser, pidsLimit, tmpfsBytes,
                startTimeout, callTimeout, heartbeatInterval, maxKernelsPerOwner, poolSize, monitorInterval, environments, root);
    }

    /** Another Docker engine, e.g. {@code unix:///run/user/1000/docker.sock} (rootless) or {@code tcp://127.0.0.1:2375}. */
    public KernelRuntimeConfig withDockerHost(String host) {
        return new KernelRuntimeConfig(host, image, instanceId, workRoot, containerUser, pidsLimit, tmpfsBytes,
                startTimeout, callTimeout, heartbeatInterval, maxKernelsPerOwner, poolSize, monitorInterval, environments, exchangeRoot);
    }

    public KernelRuntimeConfig withPoolSize(int size) {
        return new KernelRuntimeConfig(dockerHost, image, instanceId, workRoot, containerUser, pidsLimit, tmpfsBytes,
                startTimeout, callTimeout, heartbeatInterval, maxKernelsPerOwner, size, monitorInterval, environments, exchangeRoot);
    }

    public KernelRuntimeConfig withMaxKernelsPerOwner(int max) {
        return new KernelRuntimeConfig(dockerHost, image, instanceId, workRoot, containerUser, pidsLimit, tmpfsBytes,
                startTimeout, callTimeout, heartbeatInterval, max, poolSize, monitorInterval, environments, exchangeRoot);
    }

    public KernelRuntimeConfig withInstanceId(String id) {
        return new KernelRuntimeConfig(dockerHost, image, id, workRoot, containerUser, pidsLimit, tmpfsBytes,
                startTimeout, callTimeout, heartbeatInterval, maxKernelsPerOwner, poolSize, monitorInterval, environments, exchangeRoot);
    }

    public int containerUid() {
        return Integer.parseInt(containerUser.substring(0, containerUser.indexOf(':')));
    }

    public int containerGid() {
        return Integer.parseInt(containerUser.substring(containerUser.indexOf(':') + 1));
    }
}
