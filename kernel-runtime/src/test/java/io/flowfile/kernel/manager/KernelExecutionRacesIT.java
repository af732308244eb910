package io.flowfile.kernel.manager;

import static io.flowfile.kernel.manager.ManagerHooks.atFirst;
import static io.flowfile.kernel.manager.ManagerHooks.awaitIgnoringInterrupts;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.client.ExecutionListener;
import io.flowfile.kernel.client.ExecutionResult;
import io.flowfile.kernel.protocol.Content;
import io.flowfile.kernel.testing.KernelTesting;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Races between a cell's start and end (EXECUTING, then READY) and a stop, failure or restart of
 * its kernel, each provoked at a named point of the manager (its test hook) against the real
 * Docker engine: the bookkeeping of a cell never writes over the state of a later run.
 */
class KernelExecutionRacesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    @RegisterExtension
    final KernelTesting.Managers kernels = new KernelTesting.Managers();

    private KernelManager started(String id) throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of(id, "alice"));
        manager.start(id).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return manager;
    }

    /** Runs the cell and waits until it ended, however it ended (its bookkeeping is done by then). */
    private static void runToTheEnd(KernelManager manager, String id, String code) throws Exception {
        CompletableFuture<ExecutionResult> cell = manager.execute(id, Content.ExecuteRequest.of(code),
                ExecutionListener.NONE, Optional.empty(), TIMEOUT);
        cell.handle((result, error) -> null).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static long generation(ManagedKernel kernel) {
        synchronized (kernel) {
            return kernel.generation;
        }
    }

    private static void assertState(KernelManager manager, String id, KernelState state, String reason) {
        KernelInfo info = manager.info(id).orElseThrow();
        assertThat(info.state()).isEqualTo(state);
        assertThat(info.reason()).isEqualTo(reason);
        assertThat(info.containerId()).isEmpty();
    }

    /** Runs a cell on a started kernel that is stopped when the cell passes the point; the kernel stays STOPPED. */
    private KernelManager assertStoppedAt(String point, String id) throws Exception {
        KernelManager manager = started(id);
        atFirst(manager, point, () -> manager.stop(id, "stopped at " + point));
        runToTheEnd(manager, id, "x = 1");
        assertState(manager, id, KernelState.STOPPED, "stopped at " + point);
        return manager;
    }

    @Test
    void aCellThatEndsAsTheKernelIsStoppedLeavesItStopped() throws Exception {
        KernelManager manager = assertStoppedAt("before-execution-done", "ending");
        assertThat(manager.start("ending").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).containerId())
                .as("a start after the stop launches a container").isPresent();
    }

    @Test
    void aCellThatEndsAsTheKernelFailsLeavesItInError() throws Exception {
        KernelManager manager = started("failing");
        ManagedKernel kernel = manager.kernel("failing").orElseThrow();
        long generation = generation(kernel);
        atFirst(manager, "before-execution-done", () -> manager.failed(kernel, generation,
                new KernelException(KernelErrorCode.KERNEL_DIED, "the test says it died")));
        runToTheEnd(manager, "failing", "x = 1");
        assertState(manager, "failing", KernelState.ERROR, "the test says it died");
        assertThat(manager.slotsUsed("alice")).isZero();
    }

    @Test
    void aCellThatStartsAsTheKernelIsStoppedDoesNotMarkItExecuting() throws Exception {
        assertStoppedAt("before-executing", "starting");
    }

    @Test
    void aCellThatEndsAsTheKernelRestartsLeavesTheNewRunStarting() throws Exception {
        KernelManager manager = started("restarting");
        AtomicReference<CompletableFuture<KernelInfo>> restart = new AtomicReference<>();
        CountDownLatch inspected = new CountDownLatch(1);
        manager.hook = point -> {
            switch (point) {
                case "before-execution-done" -> {
                    if (restart.get() == null) {
                        restart.set(manager.restart("restarting"));
                    }
                }
                case "before-ready" -> awaitIgnoringInterrupts(inspected); // the new run attaches once the test looked
                default -> { }
            }
        };
        try {
            runToTheEnd(manager, "restarting", "x = 1");
            assertState(manager, "restarting", KernelState.STARTING, "");
        } finally {
            inspected.countDown();
        }
        KernelInfo restarted = restart.get().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(restarted.state()).isEqualTo(KernelState.READY);
        assertThat(restarted.containerId()).isPresent();
    }
}
