package io.flowfile.kernel.manager;

/** Where a kernel is in its life. */
public enum KernelState {
    STOPPED,
    /** Waiting for a free slot under its owner's concurrent-kernel limit. */
    PENDING,
    STARTING,
    READY,
    EXECUTING,
    /** Died, ran out of memory or lost its heartbeat; the reason says which. */
    ERROR
}
