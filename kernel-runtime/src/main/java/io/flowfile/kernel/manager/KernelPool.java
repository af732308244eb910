package io.flowfile.kernel.manager;

import io.flowfile.kernel.docker.ContainerSpec;
import io.flowfile.kernel.docker.DockerProvisioner;
import io.flowfile.kernel.docker.Labels;
import io.flowfile.kernel.docker.ResourceProfile;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prewarmed kernels per (owner, image, resource profile), refilled in the background. The owner is
 * part of the key because a container's mounts are fixed at creation: a pooled container only ever
 * has its owner's directories, so handing it to someone else would show them the first owner's files.
 */
final class KernelPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KernelPool.class);

    record Key(String owner, String image, ResourceProfile profile) {}

    private final int size;
    private final KernelLauncher launcher;
    private final DockerProvisioner provisioner;
    private final Map<Key, Deque<WarmKernel>> ready = new ConcurrentHashMap<>();
    private final Map<Key, Boolean> filling = new ConcurrentHashMap<>();
    private final ExecutorService filler = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("kernel-pool").factory());
    private volatile boolean closed;

    KernelPool(int size, KernelLauncher launcher, DockerProvisioner provisioner) {
        this.size = size;
        this.launcher = launcher;
        this.provisioner = provisioner;
    }

    /** A warm kernel for the key, if one waits; the pool refills behind it. */
    Optional<WarmKernel> take(Key key) {
        WarmKernel warm = ready.getOrDefault(key, new ConcurrentLinkedDeque<>()).pollFirst();
        fill(key);
        return Optional.ofNullable(warm);
    }

    /** Keeps {@code size} warm kernels for the key from now on. */
    void fill(Key key) {
        if (size == 0 || closed || filling.putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        filler.execute(() -> {
            try {
                Deque<WarmKernel> queue = ready.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>());
                while (!closed && queue.size() < size) {
                    queue.addLast(launcher.launch(new ContainerSpec(key.image(), key.owner(), Labels.POOLED, key.profile())));
                }
            } catch (RuntimeException e) {
                LOG.warn("could not prewarm a kernel for {}: {}", key, e.getMessage());
            } finally {
                filling.remove(key);
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
        ready.values().forEach(queue -> queue.forEach(warm -> warm.client().close()));
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
        List<WarmKernel> all = new ArrayList<>();
        ready.values().forEach(all::addAll);
        ready.clear();
        for (WarmKernel warm : all) {
            warm.client().close();
            provisioner.remove(warm.container().id());
        }
    }
}
