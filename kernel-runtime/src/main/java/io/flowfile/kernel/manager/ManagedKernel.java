package io.flowfile.kernel.manager;

import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
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

    /** Its state and the reason, if any, for a message: "STOPPED (removed)". */
    synchronized String describeState() {
        return state + (reason.isEmpty() ? "" : " (" + reason + ")");
    }

    /** Its running container, or KERNEL_NOT_READY when it has none or it failed. */
    synchronized WarmKernel requireRunning() {
        if (running == null || state == KernelState.ERROR) {
            throw new KernelException(KernelErrorCode.KERNEL_NOT_READY, "kernel '" + definition.id() + "' is " + describeState() + "; start it first");
        }
        return running;
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
