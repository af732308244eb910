package io.flowfile.kernel.manager;

import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.docker.ContainerSpec;
import io.flowfile.kernel.docker.DockerProvisioner;
import io.flowfile.kernel.docker.Labels;
import io.flowfile.kernel.docker.ResourceProfile;
import io.flowfile.kernel.protocol.Content;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prewarmed kernels per (owner, image, resource profile), refilled in the background. The owner is
 * part of the key because a container's mounts are fixed at creation: a pooled container only ever
 * has its owner's directories, so handing it to someone else would show them the first owner's files.
 * A warm kernel is handed out only if its container runs and it answers kernel_info, and only until
 * it reaches the maximum age; otherwise it is removed, the next one is tried and the pool refills.
 * The monitor's tick also removes the warm kernels that are too old or dead ({@link #removeUnfit}),
 * so none waits for a take to be found out.
 */
final class KernelPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KernelPool.class);

    record Key(String owner, String image, ResourceProfile profile) {}

    /** A warm kernel and when it was started (on the pool's clock, in nanoseconds). */
    private record Pooled(WarmKernel warm, long warmedAt) {}

    /** How long a warm kernel may wait in the pool before it is replaced by a fresh one. */
    static final Duration MAX_AGE = Duration.ofMinutes(30);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final int size;
    private final Duration maxAge;
    private final LongSupplier nanoClock;
    private final KernelLauncher launcher;
    private final DockerProvisioner provisioner;
    private final Map<Key, Deque<Pooled>> ready = new ConcurrentHashMap<>();
    private final Map<Key, Boolean> filling = new ConcurrentHashMap<>();
    private final ExecutorService filler = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("kernel-pool").factory());
    private volatile boolean closed;

    /** @param nanoClock the time in nanoseconds (System::nanoTime; a test may move it on) */
    KernelPool(int size, Duration maxAge, LongSupplier nanoClock, KernelLauncher launcher, DockerProvisioner provisioner) {
        this.size = size;
        this.maxAge = maxAge;
        this.nanoClock = nanoClock;
        this.launcher = launcher;
        this.provisioner = provisioner;
    }

    /** A healthy warm kernel for the key, if one waits; the pool refills behind it. */
    Optional<WarmKernel> take(Key key) {
        Deque<Pooled> queue = ready.getOrDefault(key, new ConcurrentLinkedDeque<>());
        try {
            for (Pooled pooled = queue.pollFirst(); pooled != null; pooled = queue.pollFirst()) {
                if (usable(pooled)) {
                    return Optional.of(pooled.warm());
                }
                discard(pooled.warm());
            }
            return Optional.empty();
        } finally {
            fill(key);
        }
    }

    /** Whether the warm kernel may be handed out: fit, and it answers kernel_info. */
    private boolean usable(Pooled pooled) {
        WarmKernel warm = pooled.warm();
        try {
            Optional<String> unfit = unfit(pooled);
            if (unfit.isPresent()) {
                LOG.info("discarding warm kernel {}: {}", warm.container().name(), unfit.get());
                return false;
            }
            warm.client().request(new Content.KernelInfoRequest(), HEALTH_TIMEOUT);
            return true;
        } catch (KernelException e) {
            LOG.info("discarding warm kernel {}: it does not answer ({})", warm.container().name(), e.getMessage());
            return false;
        }
    }

    /** Why the warm kernel must go (too old, its container or its heartbeat gone), or empty. */
    private Optional<String> unfit(Pooled pooled) {
        if (nanoClock.getAsLong() - pooled.warmedAt() >= maxAge.toNanos()) {
            return Optional.of("older than " + maxAge);
        }
        WarmKernel warm = pooled.warm();
        if (warm.client().heartbeatLost() || !provisioner.status(warm.container().id()).running()) {
            return Optional.of("its container or heartbeat is gone");
        }
        return Optional.empty();
    }

    /**
     * Removes the warm kernels that are too old or whose container or heartbeat is gone, and refills
     * behind them; called on the monitor's tick, so none waits (holding memory) until one is taken.
     */
    void removeUnfit() {
        for (Map.Entry<Key, Deque<Pooled>> entry : ready.entrySet()) {
            boolean removed = false;
            for (Pooled pooled : entry.getValue()) {
                if (closed) {
                    return;
                }
                Optional<String> unfit = unfit(pooled);
                // Removed from the queue first: a take that had it meanwhile keeps it.
                if (unfit.isPresent() && entry.getValue().remove(pooled)) {
                    LOG.info("removing warm kernel {}: {}", pooled.warm().container().name(), unfit.get());
                    discard(pooled.warm());
                    removed = true;
                }
            }
            if (removed) {
                fill(entry.getKey());
            }
        }
    }

    private void discard(WarmKernel warm) {
        warm.client().close();
        provisioner.remove(warm.container().id());
    }

    /** Keeps {@code size} warm kernels for the key from now on. */
    void fill(Key key) {
        if (size == 0 || closed || filling.putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        filler.execute(() -> {
            boolean filled = false;
            try {
                Deque<Pooled> queue = ready.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>());
                while (!closed && queue.size() < size) {
                    WarmKernel warm = launcher.launch(new ContainerSpec(key.image(), key.owner(), Labels.POOLED, key.profile()));
                    queue.addLast(new Pooled(warm, nanoClock.getAsLong()));
                }
                filled = true;
            } catch (RuntimeException e) {
                LOG.warn("could not prewarm a kernel for {}: {}", key, e.getMessage());
            } finally {
                filling.remove(key);
            }
            if (filled && ready(key) < size) {
                fill(key); // one was taken or removed as this pass ended, when a fill() would have found it still running
            }
        });
    }

    int ready(Key key) {
        return ready.getOrDefault(key, new ConcurrentLinkedDeque<>()).size();
    }

    /** Waits (bounded) until the background filling is done; for tests and benchmarks. */
    boolean awaitFilled(Key key, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (ready(key) >= size && !filling.containsKey(key)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Closes the pooled kernels' connections but leaves their containers for the next manager to clean up. */
    void detach() {
        closed = true;
        filler.shutdown();
        ready.values().forEach(queue -> queue.forEach(pooled -> pooled.warm().client().close()));
        ready.clear();
    }

    @Override
    public void close() {
        closed = true;
        filler.shutdown();
        try {
            filler.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pooled> all = new ArrayList<>();
        ready.values().forEach(all::addAll);
        ready.clear();
        all.forEach(pooled -> discard(pooled.warm()));
    }
}
