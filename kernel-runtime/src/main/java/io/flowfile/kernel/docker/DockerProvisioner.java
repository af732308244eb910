package io.flowfile.kernel.docker;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.KernelRuntimeConfig;
import io.flowfile.kernel.protocol.ConnectionInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Creates, inspects and removes kernel containers with docker-java. A kernel container runs as a
 * non-root user with no capabilities, {@code no-new-privileges}, a read-only root filesystem
 * (writable tmpfs /tmp and home), memory/CPU/pids limits, its channels published on 127.0.0.1
 * only, and labels that name the owning engine instance; it never sees the Docker socket. Before
 * anyone may use it, its network is closed ({@link #closeNetwork}): it answers the engine's
 * connections and can open none itself, not to the host, other kernels or any outside address.
 */
public final class DockerProvisioner implements AutoCloseable {

    /** In-container ports of shell, iopub, stdin, control and heartbeat. */
    static final int[] CONTAINER_PORTS = {5555, 5556, 5557, 5558, 5559};
    /** In the standard kernel image; run as root with only NET_ADMIN in the kernel's network namespace. */
    static final String NETWORK_GUARD = "/opt/flowfile/bin/flowfile-netguard";
    private static final Duration NETWORK_GUARD_TIMEOUT = Duration.ofSeconds(30);
    public static final String CONTAINER_CONNECTION_FILE = "/flowfile/connection.json";

    private final KernelRuntimeConfig config;
    private final DockerClient docker;
    private final KernelDirectories directories;

    public DockerProvisioner(KernelRuntimeConfig config) {
        this.config = requireNonNull(config, "config is null");
        DockerClientConfig clientConfig = new DefaultDockerClientConfig.Builder().withDockerHost(config.dockerHost()).build();
        this.docker = DockerClientImpl.getInstance(clientConfig, new ReconnectingDockerHttpClient(() -> new ApacheDockerHttpClient.Builder()
                .dockerHost(clientConfig.getDockerHost())
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(10))
                .build()));
        this.directories = new KernelDirectories(config);
    }

    public KernelDirectories directories() {
        return directories;
    }

    public DockerClient docker() {
        return docker;
    }

    /** Fails with a clear message when the Docker engine cannot be reached. */
    public void ping() {
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new KernelException(KernelErrorCode.DOCKER_UNAVAILABLE, "cannot reach the Docker engine at "
                    + config.dockerHost() + " (" + why + "); start it (scripts/setup starts dockerd) or set DOCKER_HOST", e);
        }
    }

    public boolean imageExists(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Refuses a GPU request on an engine without the NVIDIA runtime, naming what is there. */
    public void checkGpuAvailable(String kernelId) {
        var runtimes = docker.infoCmd().exec().getRuntimes();
        if (runtimes == null || !runtimes.containsKey("nvidia")) {
            throw new KernelException(KernelErrorCode.GPU_UNAVAILABLE, "kernel '" + kernelId + "' asks for a GPU, but the Docker engine at "
                    + config.dockerHost() + " has no NVIDIA runtime (runtimes: "
                    + (runtimes == null ? "none" : String.join(", ", runtimes.keySet()))
                    + "); install the NVIDIA Container Toolkit on the host or set gpu to 0");
        }
    }

    /** Creates and starts a container; returns once Docker has published its ports. */
    public KernelContainer create(ContainerSpec spec) {
        if (spec.profile().gpus() != 0) {
            checkGpuAvailable(spec.kernelId());
        }
        String name = "flowfile-" + config.instanceId() + "-" + UUID.randomUUID().toString().substring(0, 12);
        KernelDirectories.OwnerPaths owner = directories.owner(spec.owner());
        ConnectionInfo inside = new ConnectionInfo("tcp", "0.0.0.0", CONTAINER_PORTS[0], CONTAINER_PORTS[1],
                CONTAINER_PORTS[2], CONTAINER_PORTS[3], CONTAINER_PORTS[4], ConnectionInfo.newKey(), "hmac-sha256", "python3");
        KernelDirectories.ContainerPaths paths = directories.container(name, inside);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED, "1");
        labels.put(Labels.INSTANCE, config.instanceId());
        labels.put(Labels.OWNER, spec.owner());
        labels.put(Labels.KERNEL, spec.kernelId());
        labels.put(Labels.PROFILE, spec.profile().label());
        String id;
        try {
            id = docker.createContainerCmd(spec.image())
                    .withName(name)
                    .withUser(config.containerUser())
                    .withLabels(labels)
                    .withEnv("FLOWFILE_CONNECTION_FILE=" + CONTAINER_CONNECTION_FILE, "FLOWFILE_OWNER=" + spec.owner())
                    .withExposedPorts(exposedPorts())
                    .withHostConfig(hostConfig(spec, owner, paths))
                    .exec()
                    .getId();
        } catch (NotFoundException e) {
            directories.removeContainer(name);
            throw new KernelException(KernelErrorCode.IMAGE_MISSING, "the kernel image '" + spec.image()
                    + "' is not in the Docker engine; build it with docker/flowfile-kernel/build.sh", e);
        } catch (DockerException e) {
            directories.removeContainer(name);
            throw new KernelException(KernelErrorCode.DOCKER_UNAVAILABLE, "Docker refused to create the kernel container: " + e.getMessage(), e);
        }
        try {
            docker.startContainerCmd(id).exec();
            closeNetwork(id);
            ConnectionInfo outside = publishedConnection(id, inside);
            directories.writeHostConnection(paths, outside);
            return new KernelContainer(id, name, outside, paths.hostConnectionFile(), labels);
        } catch (RuntimeException e) {
            remove(id);
            throw e instanceof KernelException ? e : new KernelException(KernelErrorCode.DOCKER_UNAVAILABLE,
                    "Docker could not start the kernel container: " + e.getMessage(), e);
        }
    }

    /**
     * Closes a running kernel container's network before anyone sends it code: a one-shot container
     * from the standard kernel image joins the kernel's network namespace as root with NET_ADMIN
     * only, and lets out nothing but answers to connections made to the kernel (and its loopback).
     * Docker's default bridge otherwise lets a kernel reach the host's services on every address,
     * other kernels and any outside address. Idempotent; run again when a kernel is re-adopted.
     *
     * @throws KernelException {@link KernelErrorCode#NETWORK_NOT_CLOSED} with what the guard said
     */
    public void closeNetwork(String containerId) {
        String guard;
        try {
            guard = docker.createContainerCmd(config.image())
                    .withUser("0:0")
                    .withEntrypoint("/bin/sh", NETWORK_GUARD)
                    .withLabels(Map.of(Labels.NETWORK_GUARD_OF, containerId, Labels.INSTANCE, config.instanceId()))
                    .withHealthcheck(new HealthCheck().withTest(List.of("NONE")))
                    .withHostConfig(HostConfig.newHostConfig()
                            .withNetworkMode("container:" + containerId)
                            .withCapDrop(Capability.ALL)
                            .withCapAdd(Capability.NET_ADMIN)
                            .withSecurityOpts(List.of("no-new-privileges"))
                            .withReadonlyRootfs(true)
                            .withMemory(64L << 20)
                            .withPidsLimit(32L))
                    .exec()
                    .getId();
        } catch (NotFoundException e) {
            throw new KernelException(KernelErrorCode.IMAGE_MISSING, "the kernel image '" + config.image()
                    + "' (it closes every kernel's network) is not in the Docker engine; build it with docker/flowfile-kernel/build.sh", e);
        }
        try {
            docker.startContainerCmd(guard).exec();
            Integer status = docker.waitContainerCmd(guard).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(NETWORK_GUARD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String said = logTail(guard, 20);
            if (status == null || status != 0 || !said.contains("-P OUTPUT DROP")) {
                throw new KernelException(KernelErrorCode.NETWORK_NOT_CLOSED, "could not close the kernel's network (exit "
                        + status + "): " + (said.isBlank() ? "the guard said nothing" : said.lines().reduce((a, b) -> b).orElse(said))
                        + "; the Docker engine must allow NET_ADMIN in a container's own network namespace (iptables)");
            }
        } catch (DockerClientException e) {
            throw new KernelException(KernelErrorCode.NETWORK_NOT_CLOSED, "could not close the kernel's network: " + e.getMessage(), e);
        } finally {
            try {
                docker.removeContainerCmd(guard).withForce(true).exec();
            } catch (NotFoundException e) {
                // already gone
            }
        }
    }

    private HostConfig hostConfig(ContainerSpec spec, KernelDirectories.OwnerPaths owner, KernelDirectories.ContainerPaths paths) {
        ResourceProfile profile = spec.profile();
        Map<String, String> tmpfs = new HashMap<>();
        String size = ",size=" + config.tmpfsBytes();
        tmpfs.put("/tmp", "rw,nosuid,nodev,mode=1777" + size);
        tmpfs.put("/home/flowfile", "rw,nosuid,nodev,mode=0700,uid=" + config.containerUid() + ",gid=" + config.containerGid() + size);
        List<PortBinding> ports = new ArrayList<>();
        for (int port : CONTAINER_PORTS) {
            ports.add(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(port)));
        }
        HostConfig host = HostConfig.newHostConfig()
                .withMemory(profile.memoryBytes())
                .withMemorySwap(profile.memoryBytes())
                .withNanoCPUs(profile.nanoCpus())
                .withPidsLimit(config.pidsLimit())
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withReadonlyRootfs(true)
                .withTmpFs(tmpfs)
                .withInit(true)
                .withBinds(
                        new Bind(paths.containerConnectionFile().toString(), new Volume(CONTAINER_CONNECTION_FILE), AccessMode.ro),
                        new Bind(owner.exchange().toString(), new Volume(KernelDirectories.CONTAINER_EXCHANGE), AccessMode.rw),
                        new Bind(owner.artifacts().toString(), new Volume(KernelDirectories.CONTAINER_ARTIFACTS), AccessMode.rw),
                        new Bind(owner.shared().toString(), new Volume(KernelDirectories.CONTAINER_SHARED), AccessMode.rw))
                .withPortBindings(ports);
        if (profile.gpus() != 0) {
            host.withDeviceRequests(List.of(new DeviceRequest().withDriver("nvidia").withCount(profile.gpus())
                    .withCapabilities(List.of(List.of("gpu")))));
        }
        return host;
    }

    private static List<ExposedPort> exposedPorts() {
        List<ExposedPort> exposed = new ArrayList<>();
        for (int port : CONTAINER_PORTS) {
            exposed.add(ExposedPort.tcp(port));
        }
        return exposed;
    }

    private ConnectionInfo publishedConnection(String id, ConnectionInfo inside) {
        Map<ExposedPort, Ports.Binding[]> bindings = docker.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings();
        int[] host = new int[CONTAINER_PORTS.length];
        for (int i = 0; i < CONTAINER_PORTS.length; i++) {
            Ports.Binding[] binding = bindings.get(ExposedPort.tcp(CONTAINER_PORTS[i]));
            if (binding == null || binding.length == 0) {
                throw new KernelException(KernelErrorCode.DOCKER_UNAVAILABLE, "Docker published no host port for container port " + CONTAINER_PORTS[i]);
            }
            host[i] = Integer.parseInt(binding[0].getHostPortSpec());
        }
        return inside.withAddress("127.0.0.1", host[0], host[1], host[2], host[3], host[4]);
    }

    public ContainerStatus status(String id) {
        try {
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
            return new ContainerStatus(true, Boolean.TRUE.equals(state.getRunning()),
                    state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue(),
                    Boolean.TRUE.equals(state.getOOMKilled()), String.valueOf(state.getStatus()));
        } catch (NotFoundException e) {
            return ContainerStatus.GONE;
        }
    }

    /** Memory and CPU from one stats sample (Docker takes about a second to measure CPU). */
    public ResourceUsage usage(String id, Duration timeout) {
        AtomicReference<Statistics> sample = new AtomicReference<>();
        try (var callback = docker.statsCmd(id).withNoStream(true).exec(new ResultCallback.Adapter<Statistics>() {
            @Override
            public void onNext(Statistics statistics) {
                sample.set(statistics);
            }
        })) {
            callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Statistics statistics = sample.get();
        if (statistics == null || statistics.getMemoryStats() == null || statistics.getMemoryStats().getUsage() == null) {
            return new ResourceUsage(0, 0, 0);
        }
        var memory = statistics.getMemoryStats();
        long inactiveFile = memory.getStats() == null || memory.getStats().getTotalInactiveFile() == null
                ? 0 : memory.getStats().getTotalInactiveFile();
        long used = Math.max(0, memory.getUsage() - inactiveFile);
        long limit = memory.getLimit() == null ? 0 : memory.getLimit();
        return new ResourceUsage(used, limit, cpuPercent(statistics));
    }

    private static double cpuPercent(Statistics statistics) {
        var cpu = statistics.getCpuStats();
        var previous = statistics.getPreCpuStats();
        if (cpu == null || previous == null || cpu.getCpuUsage() == null || previous.getCpuUsage() == null
                || cpu.getSystemCpuUsage() == null || previous.getSystemCpuUsage() == null) {
            return 0;
        }
        long cpuDelta = cpu.getCpuUsage().getTotalUsage() - previous.getCpuUsage().getTotalUsage();
        long systemDelta = cpu.getSystemCpuUsage() - previous.getSystemCpuUsage();
        long cpus = cpu.getOnlineCpus() == null ? 1 : cpu.getOnlineCpus();
        return systemDelta <= 0 || cpuDelta < 0 ? 0 : 100.0 * cpuDelta / systemDelta * cpus;
    }

    /**
     * What ipykernel prints at every start, the same for every kernel (shown as a kernel's "last log
     * lines" it only hid what went wrong): the TCP warning, the Ctrl-C note and the connection hint.
     */
    private static final java.util.regex.Pattern STARTUP_NOTICE = java.util.regex.Pattern.compile(
            "\\[IPKernelApp\\] WARNING \\| Kernel is running over TCP without encryption\\..*"
            + "|NOTE: When using the `ipython kernel` entry point, Ctrl-C will not work\\."
            + "|To exit, you will have to explicitly quit this process, by either sending"
            + "|\"quit\" from a client, or using Ctrl-\\\\ in UNIX-like environments\\."
            + "|To read more about this, see https://github\\.com/ipython/ipython/issues/2049"
            + "|To connect another client to this kernel, use:"
            + "|\\s*--existing \\S*connection\\.json"
            + "|\\s*");

    /** The kernel's own start-up notices taken out of a container's log. */
    static String withoutStartupNotices(String log) {
        return log.lines().filter(line -> !STARTUP_NOTICE.matcher(line).matches()).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** The last lines the container wrote to stdout and stderr, without ipykernel's start-up notices. */
    public String logTail(String id, int lines) {
        StringBuilder text = new StringBuilder();
        try (var callback = docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        synchronized (text) {
                            text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }
                })) {
            callback.awaitCompletion(5, TimeUnit.SECONDS);
        } catch (NotFoundException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (text) {
            return withoutStartupNotices(text.toString()).strip();
        }
    }

    /** Removes a container (killing it if it runs) and its connection files; a missing one is fine. */
    public void remove(String id) {
        String name = null;
        try {
            name = docker.inspectContainerCmd(id).exec().getName();
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
        if (name != null) {
            directories.removeContainer(name.startsWith("/") ? name.substring(1) : name);
        }
    }

    /** Containers of this engine instance (running or not); other instances' containers are never listed. */
    public List<Container> ownedContainers() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.MANAGED, "1", Labels.INSTANCE, config.instanceId()))
                .exec();
    }

    /** The connection of a container this instance made earlier, read back from its files. */
    public KernelContainer reattach(Container container) {
        String name = container.getNames()[0].startsWith("/") ? container.getNames()[0].substring(1) : container.getNames()[0];
        ConnectionInfo connection = directories.readHostConnection(name);
        return new KernelContainer(container.getId(), name, connection, directories.hostConnectionFile(name), container.getLabels());
    }

    /**
     * A running container can serve this engine only if its exchange mount is the owner's exchange
     * directory now (the engine may have moved it, e.g. to shared memory, since the container started).
     *
     * @throws KernelException naming both directories when they differ
     */
    public void checkExchangeMount(Container container, String owner) {
        Path expected = directories.owner(owner).exchange();
        String mounted = container.getMounts() == null ? null : container.getMounts().stream()
                .filter(mount -> KernelDirectories.CONTAINER_EXCHANGE.equals(mount.getDestination()))
                .map(ContainerMount::getSource).findFirst().orElse(null);
        if (mounted == null || !Path.of(mounted).equals(expected)) {
            throw new KernelException(KernelErrorCode.KERNEL_STOPPED, "its exchange directory is " + mounted + ", and this engine's is "
                    + expected);
        }
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
