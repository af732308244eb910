package io.flowfile.kernel.manager;

import static io.flowfile.kernel.manager.KernelTransitions.set;
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
import io.flowfile.kernel.manager.KernelTransitions.Change;
import io.flowfile.kernel.protocol.Content;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
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
    private final KernelTransitions transitions = new KernelTransitions();
    private final ExecutorService starter = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("kernel-work-", 0).factory());
    /** Called at named points of the lifecycle so a test can provoke a race there; does nothing otherwise. */
    volatile Consumer<String> hook = point -> { };

    public KernelManager(KernelRuntimeConfig config) {
        this(config, System::nanoTime);
    }

    /** @param poolClock the time in nanoseconds by which warm kernels age in the pool (a test may move it on) */
    KernelManager(KernelRuntimeConfig config, LongSupplier poolClock) {
        this.config = requireNonNull(config, "config is null");
        this.slots = new OwnerSlots(config.maxKernelsPerOwner());
        this.provisioner = new DockerProvisioner(config);
        provisioner.ping();
        this.launcher = new KernelLauncher(config, provisioner);
        this.pool = new KernelPool(config.poolSize(), KernelPool.MAX_AGE, poolClock, launcher, provisioner);
        this.environments = new EnvironmentBuilder(config, provisioner);
        this.executions = new KernelExecutions(transitions, starter, config.callTimeout(), point -> hook.accept(point));
        new KernelAdoption(provisioner, launcher).adopt(this::adopted);
        this.monitor = new KernelMonitor(this, provisioner, pool, config.monitorInterval());
        monitor.start();
    }

    public void addListener(KernelListener listener) {
        transitions.addListener(listener);
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
        CompletableFuture<KernelInfo> starting;
        long generation;
        synchronized (kernel) {
            if (kernel.state == KernelState.READY || kernel.state == KernelState.EXECUTING) {
                return CompletableFuture.completedFuture(infoOf(kernel));
            }
            if (kernel.starting != null && !kernel.starting.isDone()) {
                return kernel.starting;
            }
            starting = new CompletableFuture<>();
            kernel.starting = starting;
            generation = ++kernel.generation;
        }
        admit(kernel, generation);
        return starting;
    }

    /** Takes a slot and launches, or waits in PENDING; unless the kernel was stopped since this start. */
    private void admit(ManagedKernel kernel, long generation) {
        hook.accept("before-starting");
        String owner;
        Change change;
        synchronized (kernel) {
            if (kernel.generation != generation) {
                return;
            }
            owner = kernel.definition.owner();
            // Queued and PENDING in one step, so a slot handed to it is never refused for a stale state.
            change = slots.acquireOrQueue(owner, kernel) ? set(kernel, KernelState.STARTING, "")
                    : set(kernel, KernelState.PENDING, "waiting for a free slot: " + owner + " already runs "
                            + config.maxKernelsPerOwner() + " kernels (the limit)");
        }
        transitions.tell(change);
        if (change.to() == KernelState.STARTING) {
            starter.execute(() -> launch(kernel, generation));
        }
    }

    private void launch(ManagedKernel kernel, long generation) {
        KernelDefinition definition;
        CompletableFuture<KernelInfo> starting;
        synchronized (kernel) {
            definition = kernel.definition;
            starting = kernel.starting;
        }
        try {
            String image = environments.imageFor(definition);
            KernelPool.Key key = new KernelPool.Key(definition.owner(), image, definition.profile());
            WarmKernel warm = pool.take(key)
                    .orElseGet(() -> launcher.launch(new ContainerSpec(image, definition.owner(), definition.id(), definition.profile())));
            hook.accept("launched");
            try {
                KernelAdoption.writeAssignment(warm.container(), definition);
                ArtifactRecovery.apply(definition, warm, config.startTimeout());
            } catch (RuntimeException e) {
                discard(warm);
                throw e;
            }
            attach(kernel, warm, generation);
        } catch (RuntimeException e) {
            KernelException failure = e instanceof KernelException k ? k
                    : new KernelException(KernelErrorCode.INTERNAL, "starting kernel '" + definition.id() + "' failed: " + e, e);
            hook.accept("before-error");
            // Not applied when stopped meanwhile: stop() already freed the slot and failed the start.
            if (transitions.transitionIf(kernel, generation, KernelState.ERROR, failure.getMessage())) {
                releaseSlot(definition.owner());
                starting.completeExceptionally(failure);
            }
        } finally {
            hook.accept("launch-done");
        }
    }

    private void attach(ManagedKernel kernel, WarmKernel warm, long generation) {
        hook.accept("before-ready");
        CompletableFuture<KernelInfo> starting;
        Change change;
        synchronized (kernel) {
            if (kernel.generation != generation) {
                starting = null;
                change = null;
            } else {
                kernel.running = warm;
                kernel.startedAt = Instant.now();
                kernel.lastActivity = kernel.startedAt;
                starting = kernel.starting;
                change = set(kernel, KernelState.READY, "");
            }
        }
        if (change == null) {
            discard(warm); // stopped while starting: the container is no longer wanted
            return;
        }
        warm.client().addListener(new KernelClient.Listener() {
            @Override
            public void heartbeatLost(Duration silence) {
                monitor.checkNow(kernel.definition.id());
            }
        });
        transitions.tell(change);
        starting.complete(infoOf(kernel));
    }

    private void discard(WarmKernel warm) {
        warm.client().close();
        provisioner.remove(warm.container().id());
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
        stopIf(kernel, reason, any -> true);
        return infoOf(kernel);
    }

    /** Stops the kernel if it is still idle as the monitor saw it: the same run, READY, nothing queued, no activity since. */
    boolean stopIfIdle(ManagedKernel kernel, long generation, Instant lastActivity, String reason) {
        return stopIf(kernel, reason, seen -> seen.generation == generation && seen.state == KernelState.READY
                && seen.inFlight.get() == 0 && Objects.equals(seen.lastActivity, lastActivity));
    }

    /** Stops the kernel if it still runs the run the monitor saw (not a restarted one). */
    boolean stopIfCurrent(ManagedKernel kernel, long generation, String reason) {
        return stopIf(kernel, reason, seen -> seen.generation == generation);
    }

    /** Stops the kernel if the condition holds under its lock; answers whether it did. */
    private boolean stopIf(ManagedKernel kernel, String reason, Predicate<ManagedKernel> condition) {
        WarmKernel running;
        boolean wasPending;
        boolean heldSlot;
        CompletableFuture<KernelInfo> starting;
        Change change;
        synchronized (kernel) {
            if (!condition.test(kernel)) {
                return false;
            }
            running = kernel.running;
            kernel.running = null;
            kernel.usage = null;
            kernel.generation++;
            wasPending = kernel.state == KernelState.PENDING;
            heldSlot = kernel.state == KernelState.STARTING || kernel.state == KernelState.READY || kernel.state == KernelState.EXECUTING;
            starting = kernel.starting;
            change = set(kernel, KernelState.STOPPED, reason);
        }
        String owner = kernel.definition.owner();
        if (wasPending) {
            slots.forget(owner, kernel);
        }
        KernelException stopped = new KernelException(KernelErrorCode.KERNEL_STOPPED,
                "kernel '" + kernel.definition.id() + "' was stopped: " + reason);
        if (starting != null) {
            starting.completeExceptionally(stopped);
        }
        if (running != null) {
            running.client().failAll(stopped);
            discard(running);
        }
        transitions.tell(change);
        if (heldSlot) {
            releaseSlot(owner);
        }
        return true;
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
        return executions.enqueue(require(id), request, listener, input, timeout);
    }

    // ---- for the monitor

    Collection<ManagedKernel> kernels() {
        return kernels.values();
    }

    Optional<ManagedKernel> kernel(String id) {
        return Optional.ofNullable(kernels.get(id));
    }

    /**
     * The container of the run the monitor saw died or stopped answering: record why, fail what
     * waits, free the slot. Nothing happens when that run has ended meanwhile.
     */
    void failed(ManagedKernel kernel, long generation, KernelException cause) {
        hook.accept("before-failed");
        WarmKernel running;
        Change change;
        synchronized (kernel) {
            running = kernel.running;
            if (kernel.generation != generation || running == null || kernel.state == KernelState.ERROR) {
                return;
            }
            kernel.running = null;
            kernel.generation++;
            change = set(kernel, KernelState.ERROR, cause.getMessage());
        }
        transitions.tell(change);
        running.client().failAll(cause);
        discard(running);
        releaseSlot(kernel.definition.owner());
    }

    /** Slots its owner's kernels hold; for tests. */
    int slotsUsed(String owner) {
        return slots.used(owner);
    }

    // ---- internals

    /** Frees one of the owner's slots, or hands it to the first kernel still waiting in PENDING. */
    private void releaseSlot(String owner) {
        Optional<ManagedKernel> next = slots.release(owner);
        while (next.isPresent()) {
            ManagedKernel kernel = next.get();
            Change change = null;
            long generation;
            synchronized (kernel) {
                generation = kernel.generation;
                if (kernel.state == KernelState.PENDING) {
                    change = set(kernel, KernelState.STARTING, "a slot became free");
                }
            }
            if (change != null) {
                transitions.tell(change);
                starter.execute(() -> launch(kernel, generation));
                return;
            }
            next = slots.release(owner); // it stopped waiting meanwhile: the slot goes on
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
        return require(id).requireRunning();
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
        // Launches in flight see their kernel stopped and remove their containers: wait for them.
        starter.shutdown();
        hook.accept("awaiting-launches");
        try {
            if (!starter.awaitTermination(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("kernel launches still running {} after the shutdown began", config.startTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
