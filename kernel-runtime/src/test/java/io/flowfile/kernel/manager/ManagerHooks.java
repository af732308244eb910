package io.flowfile.kernel.manager;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Ways for a race test to act at a named point of the manager (its test hook). */
final class ManagerHooks {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ManagerHooks() {}

    /** Runs the action the first time the manager passes the point, on the thread that passes it. */
    static void atFirst(KernelManager manager, String point, Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        manager.hook = reached -> {
            if (reached.equals(point) && done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    /** Waits as a launch thread would that must not be cut short (close() of old interrupted it); bounded. */
    static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (latch.getCount() > 0 && System.nanoTime() < deadline) {
            try {
                latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
