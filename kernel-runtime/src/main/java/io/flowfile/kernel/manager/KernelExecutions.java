package io.flowfile.kernel.manager;

import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.client.ExecutionListener;
import io.flowfile.kernel.client.ExecutionResult;
import io.flowfile.kernel.client.InputHandler;
import io.flowfile.kernel.protocol.Content;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution at a time per kernel, the rest queued in order: each execution starts when the one
 * before it ended (however it ended). The kernel is EXECUTING while its queue is not empty and
 * READY after; a finishing execution resets its idle clock; a timeout interrupts the cell.
 */
final class KernelExecutions {

    /** Moves a kernel to a state (the manager's transition, which tells the listeners). */
    interface Transition {
        void to(ManagedKernel kernel, KernelState state, String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(KernelExecutions.class);

    private final Transition transition;
    private final Executor executor;
    private final Duration callTimeout;

    KernelExecutions(Transition transition, Executor executor, Duration callTimeout) {
        this.transition = transition;
        this.executor = executor;
        this.callTimeout = callTimeout;
    }

    /** Whether one queued execution started, or was cancelled before it could. Guarded by the kernel. */
    private static final class Ticket {
        boolean started;
        boolean cancelled;
        CompletableFuture<ExecutionResult> running;
    }

    QueuedExecution enqueue(ManagedKernel kernel, Content.ExecuteRequest request, ExecutionListener listener,
                            Optional<InputHandler> input, Duration timeout) {
        Ticket ticket = new Ticket();
        CompletableFuture<ExecutionResult> result;
        synchronized (kernel) {
            kernel.inFlight.incrementAndGet();
            result = kernel.queueTail.handle((previous, error) -> null)
                    .thenComposeAsync(ignored -> runOne(kernel, ticket, request, listener, input, timeout), executor);
            kernel.queueTail = result;
        }
        // Async: the client completes futures on its socket thread, which must not run our bookkeeping.
        return new QueuedExecution(result.whenCompleteAsync((ignored, error) -> finished(kernel), executor),
                () -> cancel(kernel, ticket));
    }

    private void cancel(ManagedKernel kernel, Ticket ticket) {
        WarmKernel running;
        synchronized (kernel) {
            if (!ticket.started) {
                ticket.cancelled = true;
                return;
            }
            if (ticket.running == null || ticket.running.isDone()) {
                return;
            }
            running = kernel.running;
        }
        if (running != null) {
            running.client().interrupt(callTimeout);
        }
    }

    private CompletableFuture<ExecutionResult> runOne(ManagedKernel kernel, Ticket ticket, Content.ExecuteRequest request,
                                                      ExecutionListener listener, Optional<InputHandler> input, Duration timeout) {
        WarmKernel running;
        synchronized (kernel) {
            if (ticket.cancelled) {
                return CompletableFuture.failedFuture(new KernelException(KernelErrorCode.CANCELLED,
                        "the execution was cancelled before it started on kernel '" + kernel.definition.id() + "'"));
            }
            running = kernel.running;
            if (running == null || kernel.state == KernelState.ERROR) {
                return CompletableFuture.failedFuture(new KernelException(KernelErrorCode.KERNEL_NOT_READY,
                        "kernel '" + kernel.definition.id() + "' is " + kernel.state + (kernel.reason.isEmpty() ? "" : " (" + kernel.reason + ")")));
            }
            ticket.started = true;
            ticket.running = running.client().execute(request, listener, input, timeout).result();
        }
        transition.to(kernel, KernelState.EXECUTING, "");
        return ticket.running.whenCompleteAsync((ignored, error) -> {
            if (error instanceof KernelException k && k.code() == KernelErrorCode.EXECUTION_TIMEOUT) {
                try {
                    running.client().interrupt(callTimeout);
                } catch (KernelException e) {
                    LOG.warn("could not interrupt kernel {} after a timeout: {}", kernel.definition.id(), e.getMessage());
                }
            }
        }, executor);
    }

    private void finished(ManagedKernel kernel) {
        synchronized (kernel) {
            kernel.lastActivity = Instant.now();
            if (kernel.inFlight.decrementAndGet() != 0 || kernel.state != KernelState.EXECUTING) {
                return;
            }
        }
        transition.to(kernel, KernelState.READY, "");
    }
}
