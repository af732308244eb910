package io.flowfile.kernel.manager;

import static io.flowfile.kernel.manager.KernelTransitions.set;

import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.client.ExecutionListener;
import io.flowfile.kernel.client.ExecutionResult;
import io.flowfile.kernel.client.InputHandler;
import io.flowfile.kernel.manager.KernelTransitions.Change;
import io.flowfile.kernel.protocol.Content;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution at a time per kernel, the rest queued in order: each execution starts when the one
 * before it ended (however it ended) and its bookkeeping is done. The kernel is EXECUTING while its
 * queue is not empty and READY after; a finishing execution resets its idle clock; a timeout
 * interrupts the cell. An execution belongs to the run of the kernel it was queued in (its
 * generation): it never starts on a later run, and it moves the kernel to EXECUTING or READY only
 * while that run lasts, under the kernel's lock.
 */
final class KernelExecutions {

    private static final Logger LOG = LoggerFactory.getLogger(KernelExecutions.class);

    private final KernelTransitions transitions;
    private final Executor executor;
    private final Duration callTimeout;
    private final Consumer<String> hook;

    /** @param hook called at named points so a test can provoke a race there (the manager's hook) */
    KernelExecutions(KernelTransitions transitions, Executor executor, Duration callTimeout, Consumer<String> hook) {
        this.transitions = transitions;
        this.executor = executor;
        this.callTimeout = callTimeout;
        this.hook = hook;
    }

    /** One queued execution: the run it was queued in, and whether it started or was cancelled first. Guarded by the kernel. */
    private static final class Ticket {
        final long generation;
        boolean started;
        boolean cancelled;
        CompletableFuture<ExecutionResult> running;

        Ticket(long generation) {
            this.generation = generation;
        }
    }

    /** Queues the execution on the kernel's current run; refused when the kernel does not run. */
    QueuedExecution enqueue(ManagedKernel kernel, Content.ExecuteRequest request, ExecutionListener listener,
                            Optional<InputHandler> input, Duration timeout) {
        Ticket ticket;
        CompletableFuture<ExecutionResult> result;
        synchronized (kernel) {
            kernel.requireRunning();
            ticket = new Ticket(kernel.generation);
            kernel.inFlight.incrementAndGet();
            // Async: the client completes futures on its socket thread, which must not run our bookkeeping.
            // The next execution waits for this one's bookkeeping, so one of an earlier run is counted out first.
            result = kernel.queueTail.handle((previous, error) -> null)
                    .thenComposeAsync(ignored -> runOne(kernel, ticket, request, listener, input, timeout), executor)
                    .whenCompleteAsync((ignored, error) -> finished(kernel, ticket), executor);
            kernel.queueTail = result;
        }
        return new QueuedExecution(result, () -> cancel(kernel, ticket));
    }

    private void cancel(ManagedKernel kernel, Ticket ticket) {
        WarmKernel running;
        synchronized (kernel) {
            if (!ticket.started) {
                ticket.cancelled = true;
                return;
            }
            if (ticket.running == null || ticket.running.isDone() || kernel.generation != ticket.generation) {
                return;
            }
            running = kernel.running;
        }
        running.client().interrupt(callTimeout);
    }

    private CompletableFuture<ExecutionResult> runOne(ManagedKernel kernel, Ticket ticket, Content.ExecuteRequest request,
                                                      ExecutionListener listener, Optional<InputHandler> input, Duration timeout) {
        hook.accept("before-executing");
        WarmKernel running;
        Change change;
        synchronized (kernel) {
            if (ticket.cancelled) {
                return CompletableFuture.failedFuture(new KernelException(KernelErrorCode.CANCELLED,
                        "the execution was cancelled before it started on kernel '" + kernel.definition.id() + "'"));
            }
            if (kernel.generation != ticket.generation) {
                // Its run ended (every stop, failure and start makes a new generation): a later run is not the one it was meant for.
                return CompletableFuture.failedFuture(new KernelException(KernelErrorCode.KERNEL_STOPPED, "kernel '"
                        + kernel.definition.id() + "' stopped or restarted after the execution was queued; it is " + kernel.describeState()));
            }
            running = kernel.running;
            ticket.started = true;
            ticket.running = running.client().execute(request, listener, input, timeout).result();
            change = set(kernel, KernelState.EXECUTING, "");
        }
        transitions.tell(change);
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

    /** Counts the execution out; the last one of the kernel's current run makes it READY again. */
    private void finished(ManagedKernel kernel, Ticket ticket) {
        hook.accept("before-execution-done");
        Change change;
        synchronized (kernel) {
            int stillQueued = kernel.inFlight.decrementAndGet();
            if (kernel.generation != ticket.generation) {
                return; // its run ended: the state is a later party's
            }
            kernel.lastActivity = Instant.now();
            if (stillQueued != 0 || kernel.state != KernelState.EXECUTING) {
                return;
            }
            change = set(kernel, KernelState.READY, "");
        }
        transitions.tell(change);
    }
}
