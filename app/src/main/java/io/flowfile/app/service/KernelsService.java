package io.flowfile.app.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.KernelDtos.Connection;
import io.flowfile.app.api.KernelDtos.DockerStatus;
import io.flowfile.app.api.KernelDtos.KernelDto;
import io.flowfile.app.api.KernelDtos.KernelEnvironment;
import io.flowfile.app.api.KernelDtos.LockedPackage;
import io.flowfile.app.api.KernelDtos.KernelRequest;
import io.flowfile.app.api.KernelDtos.Usage;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.app.events.EventLog;
import io.flowfile.app.kernel.KernelPlane;
import io.flowfile.app.kernel.LazyKernelGateway;
import io.flowfile.app.security.Access;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.manager.KernelDefinition;
import io.flowfile.kernel.manager.KernelInfo;
import io.flowfile.kernel.manager.KernelListener;
import io.flowfile.kernel.manager.KernelState;
import io.flowfile.kernel.manager.RecoveryMode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Kernels over HTTP: definitions (owned by the user who makes them), lifecycle, live state and
 * statistics, the connection file for the owner, and whether Docker and the kernel image are there.
 * One event log carries every state change and, every 2 s, the running kernels' memory and CPU; each
 * subscriber sees only the kernels it may see.
 */
@ApplicationScoped
public class KernelsService {

    private static final Logger LOG = Logger.getLogger(KernelsService.class);
    private static final Duration STATS_EVERY = Duration.ofSeconds(2);

    @Inject
    LazyKernelGateway kernels;

    @Inject
    Access access;

    @Inject
    MeterRegistry metrics;

    @Inject
    ObjectMapper json;

    private final EventLog events = new EventLog(2_000);
    /** The kernel image build in progress or last finished, with its output lines. */
    private volatile EventLog imageBuild;
    private ScheduledExecutorService stats;
    private boolean listening;

    /** The kernel plane, opened on first use; Docker unreachable is a 503 saying what to do. */
    private synchronized KernelPlane plane() {
        KernelPlane plane;
        try {
            plane = kernels.plane();
        } catch (KernelException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new ApiException(ServerErrorCode.KERNELS_UNAVAILABLE, "kernels cannot run here: " + e.getMessage());
        }
        if (!listening) {
            listening = true;
            plane.manager().addListener(listener());
            for (KernelState state : KernelState.values()) {
                Gauge.builder("flowfile.kernels", () -> plane.manager().list().stream().filter(info -> info.state() == state).count())
                        .tag("state", state.name().toLowerCase(Locale.ROOT)).register(metrics);
            }
            stats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("flowfile-kernel-stats").daemon().factory());
            stats.scheduleWithFixedDelay(this::publishStats, STATS_EVERY.toMillis(), STATS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
        return plane;
    }

    private KernelListener listener() {
        return (kernelId, from, to, reason) -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("kernel", kernelId);
            data.put("from", from.name());
            data.put("state", to.name());
            data.put("reason", reason);
            kernels.plane().manager().info(kernelId).ifPresent(info -> data.put("owner", info.definition().owner()));
            events.append("state", data);
        };
    }

    private void publishStats() {
        try {
            for (KernelInfo info : kernels.plane().manager().list()) {
                if (info.usage().isPresent() && (info.state() == KernelState.READY || info.state() == KernelState.EXECUTING)) {
                    var usage = info.usage().get();
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("kernel", info.id());
                    data.put("owner", info.definition().owner());
                    data.put("usage", new Usage(usage.memoryUsedBytes(), usage.memoryLimitBytes(), usage.memoryPercent(), usage.cpuPercent()));
                    events.append("stats", data);
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("kernel statistics not published: %s", e.getMessage());
        }
    }

    public EventLog events() {
        return events;
    }

    public List<KernelDto> list(UserRecord user) {
        return plane().manager().list().stream().filter(info -> access.maySee(user, info.definition().owner()))
                .map(KernelsService::dto).toList();
    }

    public KernelDto get(UserRecord user, String id) {
        return dto(info(user, id));
    }

    private KernelInfo info(UserRecord user, String id) {
        KernelInfo info = plane().manager().info(id).orElse(null);
        if (info == null || !access.maySee(user, info.definition().owner())) {
            throw new ApiException(ServerErrorCode.KERNEL_NOT_FOUND, "kernel '" + id + "' not found");
        }
        return info;
    }

    /** Defines a new kernel of {@code user}; an existing id is a 409 (change it with {@link #change}). */
    public KernelDto create(UserRecord user, KernelRequest request) {
        KernelDefinition definition = definition(user.username(), request);
        KernelPlane plane = plane();
        synchronized (this) {
            if (plane.manager().info(definition.id()).isPresent()) {
                String message = "a kernel with id '" + definition.id() + "' exists; choose another id";
                throw new ApiException(ServerErrorCode.CONFLICT, message,
                        List.of(io.flowfile.engine.Problem.ofDocument("id", ServerErrorCode.CONFLICT, message)));
            }
            plane.define(definition);
        }
        return get(user, definition.id());
    }

    /** Changes a kernel's definition; it takes effect at its next start. */
    public KernelDto change(UserRecord user, String id, KernelRequest request) {
        KernelInfo existing = info(user, id);
        if (request.id() != null && !request.id().equals(id)) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "the id of kernel '" + id + "' cannot change (was sent '" + request.id() + "')");
        }
        KernelRequest withId = new KernelRequest(id, request.name(), request.packages(), request.memoryGb(), request.cpus(), request.gpus(),
                request.recoveryMode(), request.idleTimeout(), request.maxLifetime());
        plane().define(definition(existing.definition().owner(), withId));
        return get(user, id);
    }

    public void delete(UserRecord user, String id) {
        info(user, id);
        plane().forget(id);
    }

    /** Starts a kernel; answers at once (Starting or Pending), its state changes arrive as events. */
    public KernelDto start(UserRecord user, String id) {
        info(user, id);
        plane().manager().start(id).whenComplete((info, failure) -> {
            if (failure != null) {
                LOG.infof("kernel %s did not start: %s", id, failure.getMessage());
            }
        });
        return get(user, id);
    }

    public KernelDto stop(UserRecord user, String id) {
        info(user, id);
        return dto(plane().manager().stop(id, "stopped by " + user.username()));
    }

    public KernelDto restart(UserRecord user, String id) {
        info(user, id);
        plane().manager().restart(id);
        return get(user, id);
    }

    public KernelDto interrupt(UserRecord user, String id) {
        info(user, id);
        plane().manager().interrupt(id);
        return get(user, id);
    }

    /** The client of a running kernel (a 409 naming its state when it does not run). */
    public io.flowfile.kernel.client.KernelClient client(String id) {
        KernelInfo info = plane().manager().info(id).orElseThrow(() -> new ApiException(ServerErrorCode.KERNEL_NOT_FOUND,
                "kernel '" + id + "' not found"));
        if (info.state() != KernelState.READY && info.state() != KernelState.EXECUTING) {
            throw new ApiException(ServerErrorCode.CONFLICT, "kernel '" + id + "' is " + info.state().name().toLowerCase(Locale.ROOT)
                    + ": start it first");
        }
        return plane().manager().client(id);
    }

    /** The kernel's environment: its packages with the versions locked for it (requested ones marked). */
    public KernelEnvironment environment(UserRecord user, String id) {
        KernelInfo info = info(user, id);
        java.util.Set<String> requested = info.definition().packageNames();
        Map<String, String> pins = plane().manager().packages(id).orElseThrow(() -> new ApiException(ServerErrorCode.CONFLICT,
                "the packages of kernel '" + id + "' cannot be told now (is Docker running?)"));
        List<LockedPackage> packages = pins.entrySet().stream()
                .map(pin -> new LockedPackage(pin.getKey(), "*".equals(pin.getValue()) ? null : pin.getValue(), requested.contains(pin.getKey())))
                .sorted(java.util.Comparator.comparing(LockedPackage::name)).toList();
        return new KernelEnvironment(packages.stream().allMatch(pin -> pin.version() != null), packages);
    }


    /** The running kernel's connection file, for its owner only (an admin does not get another user's key). */
    public Connection connection(UserRecord user, String id) {
        KernelInfo info = info(user, id);
        if (!info.definition().owner().equals(user.username())) {
            throw new ApiException(ServerErrorCode.KERNEL_NOT_FOUND, "kernel '" + id + "' not found among your kernels");
        }
        var file = info.connectionFile().orElseThrow(() -> new ApiException(ServerErrorCode.CONFLICT,
                "kernel '" + id + "' is " + info.state().name().toLowerCase(Locale.ROOT) + ": start it to attach a Jupyter client"));
        try {
            Object content = json.readValue(Files.readString(file), Object.class);
            return new Connection(content, file.toString(), "jupyter console --existing " + file);
        } catch (IOException e) {
            throw new ApiException(ServerErrorCode.CONFLICT, "the connection file of kernel '" + id + "' cannot be read: " + e.getMessage());
        }
    }

    /** Docker and the kernel image: reachable? present? and the exact command that fixes it. */
    public DockerStatus docker() {
        KernelPlane plane;
        try {
            plane = kernels.plane();
        } catch (RuntimeException e) {
            return new DockerStatus(false, null, null, false, e.getMessage(),
                    "start the Docker engine: sudo scripts/setup (installs docker.io and starts dockerd), or sudo dockerd &");
        }
        var provisioner = plane.manager().provisioner();
        String image = plane.manager().config().image();
        try {
            provisioner.ping();
            String version = provisioner.docker().versionCmd().exec().getVersion();
            boolean present = provisioner.imageExists(image);
            return new DockerStatus(true, version, image, present, present ? null : "the kernel image " + image + " is not built",
                    present ? null : "./flowfile kernel image build (or docker/flowfile-kernel/build.sh)");
        } catch (RuntimeException e) {
            return new DockerStatus(false, null, image, false, e.getMessage(),
                    "start the Docker engine: sudo scripts/setup (installs docker.io and starts dockerd), or sudo dockerd &");
        }
    }

    /**
     * Builds the kernel image (as {@code flowfile kernel image build} does) on a thread of its own;
     * its output lines and its end are events of the returned log. One build at a time: while one
     * runs, its log is returned.
     */
    public synchronized EventLog buildImage(UserRecord user) {
        access.requireAdmin(user);
        EventLog running = imageBuild;
        if (running != null && !running.closed()) {
            return running;
        }
        EventLog log = new EventLog(20_000);
        imageBuild = log;
        String tag = io.flowfile.kernel.KernelRuntimeConfig.DEFAULT_IMAGE;
        Thread.ofPlatform().name("flowfile-image-build").daemon().start(() -> {
            log.append("started", Map.of("image", tag, "by", user.username()));
            try {
                String built = new io.flowfile.kernel.docker.KernelImageBuilder(KernelPlane.kernelBuildContext(), Duration.ofMinutes(60))
                        .build(tag, null, line -> log.append("output", Map.of("line", line)));
                log.append("end", Map.of("state", "succeeded", "image", built));
            } catch (RuntimeException e) {
                log.append("end", Map.of("state", "failed", "message", String.valueOf(e.getMessage())));
            } finally {
                log.close();
            }
        });
        return log;
    }

    /** The log of the image build in progress or last finished. */
    public EventLog imageBuild(UserRecord user) {
        access.requireAdmin(user);
        EventLog log = imageBuild;
        if (log == null) {
            throw new ApiException(ServerErrorCode.NOT_FOUND, "no kernel image build has run since the server started");
        }
        return log;
    }

    static KernelDefinition definition(String owner, KernelRequest request) {
        if (request == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "send a kernel definition: {\"id\": ..., \"memoryGb\": ..., \"cpus\": ...}");
        }
        RecoveryMode mode = null;
        if (request.recoveryMode() != null) {
            try {
                mode = RecoveryMode.valueOf(request.recoveryMode().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                String message = "recoveryMode must be lazy, eager or clear, was '" + request.recoveryMode() + "'";
                throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, message,
                        List.of(io.flowfile.engine.Problem.ofDocument("recoveryMode", ServerErrorCode.MALFORMED_REQUEST, message)));
            }
        }
        return new KernelDefinition(request.id(), request.name(), owner, request.packages(),
                request.memoryGb() == null ? 2.0 : request.memoryGb(), request.cpus() == null ? 1.0 : request.cpus(),
                request.gpus() == null ? 0 : request.gpus(), mode, duration("idleTimeout", request.idleTimeout()),
                duration("maxLifetime", request.maxLifetime()));
    }

    private static Duration duration(String field, String text) {
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return text.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(text)) : Duration.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            String message = field + " must be seconds or an ISO-8601 duration such as PT30M, was '" + text + "'";
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, message,
                    List.of(io.flowfile.engine.Problem.ofDocument(field, ServerErrorCode.MALFORMED_REQUEST, message)));
        }
    }

    static KernelDto dto(KernelInfo info) {
        KernelDefinition definition = info.definition();
        Usage usage = info.usage().map(sample -> new Usage(sample.memoryUsedBytes(), sample.memoryLimitBytes(), sample.memoryPercent(),
                sample.cpuPercent())).orElse(null);
        return new KernelDto(definition.id(), definition.name(), definition.owner(), definition.packages(), definition.memoryGb(),
                definition.cpus(), definition.gpus(), definition.recoveryMode().name().toLowerCase(Locale.ROOT),
                definition.idleTimeout().toString(), definition.maxLifetime().toString(), info.state().name(),
                info.reason().isEmpty() ? null : info.reason(), info.startedAt().orElse(null), info.lastActivity().orElse(null),
                info.queued(), info.queuePosition(), usage, info.image());
    }

    void onStop(@Observes ShutdownEvent event) {
        ScheduledExecutorService running;
        synchronized (this) {
            running = stats;
        }
        if (running != null) {
            running.shutdownNow();
        }
        events.close();
    }
}
