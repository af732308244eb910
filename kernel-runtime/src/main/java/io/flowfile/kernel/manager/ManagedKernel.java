package io.flowfile.kernel.manager;

import io.flowfile.kernel.client.ExecutionResult;
import io.flowfile.kernel.docker.ResourceUsage;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** The manager's mutable record of one kernel. Guarded by its own monitor. */
final class ManagedKernel {

    KernelDefinition definition;
    KernelState state = KernelState.STOPPED;
    String reason = "";
    WarmKernel running;
    Instant startedAt;
    Instant lastActivity;
    ResourceUsage usage;
    CompletableFuture<KernelInfo> starting;
    /** The tail of this kernel's execution queue: each execution starts when the one before ends. */
    CompletableFuture<ExecutionResult> queueTail = CompletableFuture.completedFuture(null);
    final AtomicInteger inFlight = new AtomicInteger();
    /** Bumped on every start and stop, so late callbacks of an old container are ignored. */
    long generation;

    ManagedKernel(KernelDefinition definition) {
        this.definition = definition;
    }

    /** @param queuePosition its place in its owner's queue for a slot (1 = next), 0 when not waiting */
    synchronized KernelInfo info(int queuePosition) {
        return new KernelInfo(definition, state, reason,
                Optional.ofNullable(running).map(warm -> warm.container().id()),
                Optional.ofNullable(running).map(warm -> warm.container().connectionFile()),
                Optional.ofNullable(startedAt), Optional.ofNullable(lastActivity),
                Math.max(0, inFlight.get() - 1), state == KernelState.PENDING ? queuePosition : 0, Optional.ofNullable(usage),
                running == null ? "" : running.image());
    }
}
