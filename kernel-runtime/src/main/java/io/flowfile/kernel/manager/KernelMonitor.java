package io.flowfile.kernel.manager;

import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.docker.ContainerStatus;
import io.flowfile.kernel.docker.DockerProvisioner;
import io.flowfile.kernel.docker.ResourceUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches running kernels: a container that stopped is reported (out of memory, or the exit code
 * and the last lines of its log), idle and lifetime limits stop kernels with the reason, and live
 * memory and CPU are sampled. Each tick also removes the pool's warm kernels that are too old or dead.
 */
final class KernelMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KernelMonitor.class);

    private final KernelManager manager;
    private final DockerProvisioner provisioner;
    private final KernelPool pool;
    private final Duration interval;
    private final ScheduledExecutorService health = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("kernel-monitor").factory());
    private final ScheduledExecutorService resources = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("kernel-resources").factory());

    KernelMonitor(KernelManager manager, DockerProvisioner provisioner, KernelPool pool, Duration interval) {
        this.manager = manager;
        this.provisioner = provisioner;
        this.pool = pool;
        this.interval = interval;
    }

    void start() {
        health.scheduleWithFixedDelay(this::checkAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        resources.scheduleWithFixedDelay(this::sampleAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks one kernel right away (e.g. when its heartbeat stops). */
    void checkNow(String id) {
        health.execute(() -> manager.kernel(id).ifPresent(this::check));
    }

    private void checkAll() {
        for (ManagedKernel kernel : manager.kernels()) {
            try {
                check(kernel);
            } catch (RuntimeException e) {
                LOG.warn("checking kernel {} failed: {}", kernel.definition.id(), e.toString());
            }
        }
        try {
            pool.removeUnfit();
        } catch (RuntimeException e) {
            LOG.warn("checking the warm pool failed: {}", e.toString());
        }
    }

    private void check(ManagedKernel kernel) {
        WarmKernel running;
        KernelDefinition definition;
        KernelState state;
        Instant startedAt;
        Instant lastActivity;
        long generation;
        synchronized (kernel) {
            generation = kernel.generation;
            running = kernel.running;
            definition = kernel.definition;
            state = kernel.state;
            startedAt = kernel.startedAt;
            lastActivity = kernel.lastActivity;
        }
        if (running == null || (state != KernelState.READY && state != KernelState.EXECUTING)) {
            return;
        }
        ContainerStatus status = provisioner.status(running.container().id());
        if (!status.running()) {
            manager.failed(kernel, generation, diagnose(definition, running, status));
            return;
        }
        if (running.client().heartbeatLost()) {
            manager.failed(kernel, generation, new KernelException(KernelErrorCode.HEARTBEAT_LOST, "kernel '" + definition.id()
                    + "' stopped answering its heartbeat although its container runs" + logLines(provisioner.logTail(running.container().id(), 20))));
            return;
        }
        Instant now = Instant.now();
        if (!definition.maxLifetime().isZero() && startedAt != null
                && Duration.between(startedAt, now).compareTo(definition.maxLifetime()) >= 0) {
            manager.stopIfCurrent(kernel, generation, "reached its maximum lifetime of " + seconds(definition.maxLifetime()));
        } else if (state == KernelState.READY && !definition.idleTimeout().isZero() && lastActivity != null
                && Duration.between(lastActivity, now).compareTo(definition.idleTimeout()) >= 0) {
            // Re-checked under the kernel's lock: a cell given to it since this read keeps it running.
            manager.hook.accept("before-idle-stop");
            manager.stopIfIdle(kernel, generation, lastActivity, "idle for " + seconds(Duration.between(lastActivity, now))
                    + " (idle timeout " + seconds(definition.idleTimeout()) + ")");
        }
    }

    private static String logLines(String log) {
        return log.isEmpty() ? "" : "; last log lines:\n" + log;
    }

    private KernelException diagnose(KernelDefinition definition, WarmKernel running, ContainerStatus status) {
        if (status.oomKilled()) {
            return new KernelException(KernelErrorCode.OUT_OF_MEMORY, String.format(Locale.ROOT,
                    "the kernel exceeded its %s GB memory limit and was killed", gigabytes(definition.memoryGb())));
        }
        String log = status.exists() ? provisioner.logTail(running.container().id(), 20) : "";
        String signal = switch (status.exitCode()) {
            case 137 -> ": killed (SIGKILL, e.g. docker kill or kill -9)";
            case 143 -> ": terminated (SIGTERM)";
            default -> "";
        };
        return new KernelException(KernelErrorCode.KERNEL_DIED, "kernel '" + definition.id() + "' died (exit code "
                + status.exitCode() + signal + ", container " + status.status() + ")" + logLines(log));
    }

    private void sampleAll() {
        for (ManagedKernel kernel : manager.kernels()) {
            WarmKernel running;
            synchronized (kernel) {
                running = kernel.running;
            }
            if (running == null) {
                continue;
            }
            try {
                ResourceUsage usage = provisioner.usage(running.container().id(), Duration.ofSeconds(5));
                synchronized (kernel) {
                    if (kernel.running == running) {
                        kernel.usage = usage;
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("sampling kernel {} failed: {}", kernel.definition.id(), e.toString());
            }
        }
    }

    private static String gigabytes(double gb) {
        return gb == Math.rint(gb) ? String.valueOf((long) gb) : String.valueOf(gb);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }

    @Override
    public void close() {
        // No interrupts: a thread interrupted inside JeroMQ or docker-java leaves broken sockets behind.
        health.shutdown();
        resources.shutdown();
        try {
            health.awaitTermination(15, TimeUnit.SECONDS);
            resources.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
