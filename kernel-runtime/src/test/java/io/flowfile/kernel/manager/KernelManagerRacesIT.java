package io.flowfile.kernel.manager;

import static io.flowfile.kernel.manager.ManagerHooks.atFirst;
import static io.flowfile.kernel.manager.ManagerHooks.awaitIgnoringInterrupts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Container;
import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.KernelRuntimeConfig;
import io.flowfile.kernel.client.ExecutionListener;
import io.flowfile.kernel.client.ExecutionResult;
import io.flowfile.kernel.docker.DockerProvisioner;
import io.flowfile.kernel.protocol.Content;
import io.flowfile.kernel.testing.KernelTesting;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Races of the kernel lifecycle, each provoked at a named point of the manager (its test hook)
 * against the real Docker engine: the second party acts inside the hook, so the interleaving is
 * the same on every run.
 */
class KernelManagerRacesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    @RegisterExtension
    final KernelTesting.Managers kernels = new KernelTesting.Managers();

    /** Stops the kernel the first time its launch passes the point; the latch opens when the launch is done. */
    private static CountDownLatch stopAtFirst(KernelManager manager, String point, String id) {
        CountDownLatch launchDone = new CountDownLatch(1);
        AtomicBoolean stopped = new AtomicBoolean();
        manager.hook = reached -> {
            if (reached.equals(point) && stopped.compareAndSet(false, true)) {
                manager.stop(id, "stopped at " + point);
            } else if (reached.equals("launch-done")) {
                launchDone.countDown();
            }
        };
        return launchDone;
    }

    private static void assertStopped(CompletableFuture<KernelInfo> start) {
        assertThatThrownBy(() -> start.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.code()).isEqualTo(KernelErrorCode.KERNEL_STOPPED));
    }

    @Test
    void aStopWhileTheContainerIsAttachedLeavesTheKernelStoppedWithItsSlotFree() throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of("attach", "alice"));
        CountDownLatch launchDone = stopAtFirst(manager, "before-ready", "attach");
        CompletableFuture<KernelInfo> start = manager.start("attach");
        assertThat(launchDone.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertStopped(start);
        KernelInfo info = manager.info("attach").orElseThrow();
        assertThat(info.state()).isEqualTo(KernelState.STOPPED);
        assertThat(info.containerId()).isEmpty();
        assertThat(manager.slotsUsed("alice")).isZero();
        assertThat(manager.provisioner().ownedContainers()).as("the container started for the stopped kernel").isEmpty();
    }

    @Test
    void aStopWhileAFailedStartIsRecordedWinsAndFreesTheSlotOnce() throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of("gpu", "alice").withGpus(1)); // fails to start: no NVIDIA runtime here
        CountDownLatch launchDone = stopAtFirst(manager, "before-error", "gpu");
        CompletableFuture<KernelInfo> start = manager.start("gpu");
        assertThat(launchDone.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertStopped(start);
        assertThat(manager.info("gpu").orElseThrow().state()).isEqualTo(KernelState.STOPPED);
        assertThat(manager.slotsUsed("alice")).as("slots held (released twice would be -1)").isZero();
    }

    @Test
    void aStopBeforeTheStartIsAdmittedWins() throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of("early", "alice"));
        atFirst(manager, "before-starting", () -> manager.stop("early", "stopped before admission"));
        CompletableFuture<KernelInfo> start = manager.start("early");
        assertStopped(start);
        assertThat(manager.info("early").orElseThrow().state()).isEqualTo(KernelState.STOPPED);
        assertThat(manager.slotsUsed("alice")).isZero();
    }

    @Test
    void aStopWhileAFailureIsRecordedWinsAndFreesTheSlotOnce() throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of("dying", "alice"));
        manager.start("dying").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        ManagedKernel kernel = manager.kernel("dying").orElseThrow();
        long generation;
        synchronized (kernel) {
            generation = kernel.generation;
        }
        atFirst(manager, "before-failed", () -> manager.stop("dying", "stopped while failing"));
        manager.failed(kernel, generation, new KernelException(KernelErrorCode.KERNEL_DIED, "the test says it died"));
        assertThat(manager.info("dying").orElseThrow().state()).isEqualTo(KernelState.STOPPED);
        assertThat(manager.slotsUsed("alice")).as("slots held (released twice would be -1)").isZero();
    }

    @Test
    void theIdleMonitorDoesNotStopAKernelThatWasJustGivenACell() throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of("idle", "alice").withIdleTimeout(Duration.ofSeconds(1)));
        manager.start("idle").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        AtomicReference<CompletableFuture<ExecutionResult>> cell = new AtomicReference<>();
        CountDownLatch submitted = new CountDownLatch(1);
        atFirst(manager, "before-idle-stop", () -> {
            cell.set(manager.execute("idle", Content.ExecuteRequest.of("x = 1"), ExecutionListener.NONE, Optional.empty(), TIMEOUT));
            submitted.countDown();
        });
        assertThat(submitted.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the monitor found the kernel idle").isTrue();
        assertThat(cell.get().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).ok()).isTrue();
    }

    @Test
    void closeWaitsForALaunchInFlightAndRemovesItsContainer() throws Exception {
        KernelRuntimeConfig config = kernels.config();
        DockerProvisioner observer = new DockerProvisioner(config);
        kernels.closeAfter(observer);
        kernels.closeAfter(() -> observer.ownedContainers().forEach(container -> observer.remove(container.getId())));
        KernelManager manager = new KernelManager(config);
        CountDownLatch launched = new CountDownLatch(1);
        CountDownLatch mayAttach = new CountDownLatch(1);
        manager.hook = point -> {
            switch (point) {
                case "launched" -> {
                    launched.countDown();
                    awaitIgnoringInterrupts(mayAttach);
                }
                case "awaiting-launches" -> mayAttach.countDown();
                default -> { }
            }
        };
        manager.define(KernelDefinition.of("late", "alice"));
        CompletableFuture<KernelInfo> start = manager.start("late");
        assertThat(launched.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        manager.close();
        List<Container> left = observer.ownedContainers();
        mayAttach.countDown();
        assertThat(left).as("containers left when close() returned").isEmpty();
        assertStopped(start);
    }
}
