package io.flowfile.kernel.manager;

import io.flowfile.kernel.client.ExecutionResult;
import java.util.concurrent.CompletableFuture;

/**
 * An execution queued on a kernel.
 *
 * @param result completes with the reply once the cell ran (or fails)
 * @param cancel cancels this execution only: if it has not started it never will (its result fails
 *               with CANCELLED); if it runs, it gets KeyboardInterrupt. Other executions are untouched.
 */
public record QueuedExecution(CompletableFuture<ExecutionResult> result, Runnable cancel) {}
