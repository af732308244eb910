package io.flowfile.kernel.manager;

import static java.util.Objects.requireNonNull;

import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.KernelRuntimeConfig;
import io.flowfile.kernel.client.ExecutionListener;
import io.flowfile.kernel.client.ExecutionResult;
import io.flowfile.kernel.client.InputHandler;
import io.flowfile.kernel.client.KernelClient;
import io.flowfile.kernel.docker.ContainerSpec;
import io.flowfile.kernel.docker.DockerProvisioner;
import io.flowfile.kernel.protocol.Content;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle and policy for kernels: single-flight start, at most N running kernels per owner (the
 * rest wait in PENDING, first come first served), one execution at a time per kernel with the rest
 * queued in order, interrupt, restart, stop, a prewarmed pool, derived images for extra packages,
 * crash / out-of-memory / heartbeat detection, idle timeout and maximum lifetime, and re-adoption
 * of this instance's containers after a restart of the manager.
 */
public final class KernelManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KernelManager.class);

    private final KernelRuntimeConfig config;
    private final DockerProvisioner provisioner;
    private final KernelLauncher launcher;
    private final KernelPool pool;
    private final EnvironmentBuilder environments;
    private final KernelMonitor monitor;
    private final KernelExecutions executions;
    private final Map<String, ManagedKernel> kernels = new ConcurrentHashMap<>();
    private final OwnerSlots slots;
    private final List<KernelListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService starter = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("kernel-work-", 0).factory());

    public KernelManager(KernelRuntimeConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.slots = new OwnerSlots(config.maxKernelsPerOwner());
        this.provisioner = new DockerProvisioner(config);
        provisioner.ping();
        this.launcher = new KernelLauncher(config, provisioner);
        this.pool = new KernelPool(config.poolSize(), launcher, provisioner);
        this.environments = new EnvironmentBuilder(config, provisioner);
        this.executions = new KernelExecutions(this::transition, starter, config.callTimeout());
        new KernelAdoption(provisioner, launcher).adopt(this::adopted);
        this.monitor = new KernelMonitor(this, provisioner, config.monitorInterval());
        monitor.start();
    }

    public void addListener(KernelListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    // ---- definitions

    /** Adds or replaces a kernel definition; a running kernel picks up the change at its next start. */
    public KernelInfo define(KernelDefinition definition) {
        requireNonNull(definition, "definition is null");
        ManagedKernel kernel = kernels.computeIfAbsent(definition.id(), id -> new ManagedKernel(definition));
        synchronized (kernel) {
            if (!kernel.definition.owner().equals(definition.owner())) {
                throw new KernelException(KernelErrorCode.INVALID_DEFINITION, "kernel '" + definition.id()
                        + "' belongs to '" + kernel.definition.owner() + "', not '" + definition.owner() + "'");
            }
            kernel.definition = definition;
        }
        return infoOf(kernel);
    }

    /**
     * The packages of a kernel's environment (normalised name → version; {@code *} for a requested
     * package whose environment is not built yet), or empty for an unknown kernel.
     */
    public Optional<Map<String, String>> packages(String id) {
        try {
            return info(id).map(info -> environments.packages(info.definition()));
        } catch (RuntimeException e) {
            LOG.warn("the packages of kernel {} are not known: {}", id, e.getMessage());
            return Optional.empty(); // unknown: the run itself will tell
        }
    }

    private KernelInfo infoOf(ManagedKernel kernel) {
        KernelDefinition definition;
        synchronized (kernel) {
            definition = kernel.definition;
        }
        return kernel.info(slots.position(definition.owner(), kernel));
    }

    public Optional<KernelInfo> info(String id) {
        return Optional.ofNullable(kernels.get(id)).map(this::infoOf);
    }

    public List<KernelInfo> list() {
        return kernels.values().stream().map(this::infoOf)
                .sorted(java.util.Comparator.comparing(KernelInfo::id)).toList();
    }

    /** Stops the kernel if it runs and forgets its definition. */
    public void remove(String id) {
        stop(id, "removed");
        kernels.remove(id);
    }

    // ---- lifecycle

    /**
     * Starts the kernel; concurrent calls share one start. Completes when it is READY (after waiting
     * in PENDING if its owner is at the concurrent-kernel limit).
     */
    public CompletableFuture<KernelInfo> start(String id) {
        ManagedKernel kernel = require(id);
        synchronized (kernel) {
            if (kernel.state == KernelState.READY || kernel.state == KernelState.EXECUTING) {
                return CompletableFuture.completedFuture(infoOf(kernel));
            }
            if (kernel.starting != null && !kernel.starting.isDone()) {
                return kernel.starting;
            }
            kernel.starting = new CompletableFuture<>();
            kernel.generation++;
        }
        admit(kernel);
        return kernel.starting;
    }

    private void admit(ManagedKernel kernel) {
        String owner = kernel.definition.owner();
        if (slots.acquireOrQueue(owner, kernel)) {
            transition(kernel, KernelState.STARTING, "");
            starter.execute(() -> launch(kernel));
        } else {
            transition(kernel, KernelState.PENDING, "waiting for a free slot: " + owner + " already runs "
                    + config.maxKernelsPerOwner() + " kernels (the limit)");
        }
    }

    private void launch(ManagedKernel kernel) {
        KernelDefinition definition;
        long generation;
        synchronized (kernel) {
            definition = kernel.definition;
            generation = kernel.generation;
        }
        try {
            String image = environments.imageFor(definition);
            KernelPool.Key key = new KernelPool.Key(definition.owner(), image, definition.profile());
            WarmKernel warm = pool.take(key)
                    .orElseGet(() -> launcher.launch(new ContainerSpec(image, definition.owner(), definition.id(), definition.profile())));
            try {
                KernelAdoption.writeAssignment(warm.container(), definition);
                ArtifactRecovery.apply(definition, warm, config.startTimeout());
            } catch (RuntimeException e) {
                warm.client().close();
                provisioner.remove(warm.container().id());
                throw e;
            }
            attach(kernel, warm, generation);
        } catch (RuntimeException e) {
            KernelException failure = e instanceof KernelException k ? k
                    : new KernelException(KernelErrorCode.INTERNAL, "starting kernel '" + definition.id() + "' failed: " + e, e);
            CompletableFuture<KernelInfo> starting;
            synchronized (kernel) {
                if (kernel.generation != generation) {
                    return; // stopped meanwhile: stop() already freed the slot
                }
                starting = kernel.starting;
            }
            transition(kernel, KernelState.ERROR, failure.getMessage());
            releaseSlot(definition.owner());
            starting.completeExceptionally(failure);
        }
    }

    private void attach(ManagedKernel kernel, WarmKernel warm, long generation) {
        CompletableFuture<KernelInfo> starting;
        synchronized (kernel) {
            if (kernel.generation != generation) {
                // Stopped while starting: the container is no longer wanted.
                warm.client().close();
                provisioner.remove(warm.container().id());
                return;
            }
            kernel.running = warm;
            kernel.startedAt = Instant.now();
            kernel.lastActivity = kernel.startedAt;
            starting = kernel.starting;
        }
        warm.client().addListener(new KernelClient.Listener() {
            @Override
            public void heartbeatLost(Duration silence) {
                monitor.checkNow(kernel.definition.id());
            }
        });
        transition(kernel, KernelState.READY, "");
        starting.complete(infoOf(kernel));
    }

    private void adopted(KernelDefinition definition, WarmKernel warm) {
        ManagedKernel kernel = kernels.computeIfAbsent(definition.id(), id -> new ManagedKernel(definition));
        slots.acquire(definition.owner());
        long generation;
        synchronized (kernel) {
            generation = ++kernel.generation;
            kernel.starting = new CompletableFuture<>();
        }
        attach(kernel, warm, generation);
        LOG.info("re-adopted kernel {} in container {}", definition.id(), warm.container().name());
    }

    /** Stops the kernel and removes its container; the reason is recorded. */
    public KernelInfo stop(String id, String reason) {
        ManagedKernel kernel = require(id);
        WarmKernel running;
        boolean wasPending;
        boolean heldSlot;
        CompletableFuture<KernelInfo> starting;
        synchronized (kernel) {
            running = kernel.running;
            kernel.running = null;
            kernel.usage = null;
            kernel.generation++;
            wasPending = kernel.state == KernelState.PENDING;
            heldSlot = kernel.state == KernelState.STARTING || kernel.state == KernelState.READY || kernel.state == KernelState.EXECUTING;
            starting = kernel.starting;
        }
        if (wasPending) {
            slots.forget(kernel.definition.owner(), kernel);
        }
        KernelException stopped = new KernelException(KernelErrorCode.KERNEL_STOPPED, "kernel '" + id + "' was stopped: " + reason);
        if (starting != null) {
            starting.completeExceptionally(stopped);
        }
        if (running != null) {
            running.client().failAll(stopped);
            running.client().close();
            provisioner.remove(running.container().id());
        }
        transition(kernel, KernelState.STOPPED, reason);
        if (heldSlot) {
            releaseSlot(kernel.definition.owner());
        }
        return infoOf(kernel);
    }

    /** Stops and starts the kernel: a fresh interpreter, the same definition. */
    public CompletableFuture<KernelInfo> restart(String id) {
        stop(id, "restarted");
        return start(id);
    }

    /** Raises KeyboardInterrupt in the running cell. */
    public void interrupt(String id) {
        WarmKernel running = requireRunning(id);
        running.client().interrupt(config.callTimeout());
    }

    // ---- execution

    /**
     * Queues code on the kernel. Executions run one at a time, in the order they were queued;
     * outputs stream to the listener; a timeout interrupts the cell.
     */
    public CompletableFuture<ExecutionResult> execute(String id, Content.ExecuteRequest request, ExecutionListener listener,
                                                      Optional<InputHandler> input, Duration timeout) {
        return submit(id, request, listener, input, timeout).result();
    }

    /** As {@link #execute}, with a cancel that touches this execution only (queued: dropped; running: interrupted). */
    public QueuedExecution submit(String id, Content.ExecuteRequest request, ExecutionListener listener,
                                  Optional<InputHandler> input, Duration timeout) {
        ManagedKernel kernel = require(id);
        requireRunning(id);
        return executions.enqueue(kernel, request, listener, input, timeout);
    }

    // ---- for the monitor

    Collection<ManagedKernel> kernels() {
        return kernels.values();
    }

    Optional<ManagedKernel> kernel(String id) {
        return Optional.ofNullable(kernels.get(id));
    }

    /** The container died or stopped answering: record why, fail what waits, free the slot. */
    void failed(ManagedKernel kernel, KernelException cause) {
        WarmKernel running;
        synchronized (kernel) {
            running = kernel.running;
            if (running == null || kernel.state == KernelState.ERROR) {
                return;
            }
            kernel.running = null;
            kernel.generation++;
        }
        transition(kernel, KernelState.ERROR, cause.getMessage());
        running.client().failAll(cause);
        running.client().close();
        provisioner.remove(running.container().id());
        releaseSlot(kernel.definition.owner());
    }

    // ---- internals

    private void releaseSlot(String owner) {
        slots.release(owner).ifPresent(next -> {
            transition(next, KernelState.STARTING, "a slot became free");
            starter.execute(() -> launch(next));
        });
    }

    void transition(ManagedKernel kernel, KernelState to, String reason) {
        KernelState from;
        synchronized (kernel) {
            from = kernel.state;
            kernel.state = to;
            kernel.reason = reason;
        }
        if (from != to) {
            for (KernelListener listener : listeners) {
                try {
                    listener.stateChanged(kernel.definition.id(), from, to, reason);
                } catch (RuntimeException e) {
                    LOG.warn("kernel listener failed: {}", e.toString());
                }
            }
        }
    }

    private ManagedKernel require(String id) {
        ManagedKernel kernel = kernels.get(id);
        if (kernel == null) {
            throw new KernelException(KernelErrorCode.UNKNOWN_KERNEL, "no kernel '" + id + "'; defined kernels: "
                    + (kernels.isEmpty() ? "none" : String.join(", ", kernels.keySet().stream().sorted().toList())));
        }
        return kernel;
    }

    private WarmKernel requireRunning(String id) {
        ManagedKernel kernel = require(id);
        synchronized (kernel) {
            if (kernel.running == null || kernel.state == KernelState.ERROR) {
                throw new KernelException(KernelErrorCode.KERNEL_NOT_READY, "kernel '" + id + "' is " + kernel.state
                        + (kernel.reason.isEmpty() ? "" : " (" + kernel.reason + ")") + "; start it first");
            }
            return kernel.running;
        }
    }

    /** The client of a running kernel, e.g. to send comm messages. */
    public KernelClient client(String id) {
        return requireRunning(id).client();
    }

    /** Waits until the pool holds its warm kernels for this definition (bounded); for benchmarks and tests. */
    public boolean prewarm(KernelDefinition definition, Duration timeout) throws InterruptedException {
        KernelPool.Key key = new KernelPool.Key(definition.owner(), environments.imageFor(definition), definition.profile());
        pool.fill(key);
        return pool.awaitFilled(key, timeout.toMillis());
    }

    public DockerProvisioner provisioner() {
        return provisioner;
    }

    public KernelRuntimeConfig config() {
        return config;
    }

    /** Stops every kernel and pooled container of this instance. */
    @Override
    public void close() {
        monitor.close();
        for (String id : List.copyOf(kernels.keySet())) {
            try {
                stop(id, "the engine shut down");
            } catch (RuntimeException e) {
                LOG.warn("stopping kernel {} failed: {}", id, e.toString());
            }
        }
        pool.close();
        starter.shutdownNow();
        provisioner.close();
    }

    /** Leaves running kernels running (for re-adoption by the next manager) and closes connections. */
    public void detach() {
        monitor.close();
        for (ManagedKernel kernel : kernels.values()) {
            synchronized (kernel) {
                if (kernel.running != null) {
                    kernel.running.client().close();
                }
            }
        }
        pool.detach();
        starter.shutdownNow();
        provisioner.close();
    }
}
