package io.flowfile.kernel.manager;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The concurrent-kernel limit per owner: a slot for each running (or starting) kernel, and a
 * first-come-first-served queue of kernels waiting in PENDING for one.
 */
final class OwnerSlots {

    private final int limit;
    private final Map<String, Integer> used = new HashMap<>();
    private final Map<String, Deque<ManagedKernel>> pending = new HashMap<>();

    OwnerSlots(int limit) {
        this.limit = limit;
    }

    /** Takes a slot for the kernel, or queues it; returns whether it got one. */
    synchronized boolean acquireOrQueue(String owner, ManagedKernel kernel) {
        if (used.getOrDefault(owner, 0) < limit) {
            used.merge(owner, 1, Integer::sum);
            return true;
        }
        pending.computeIfAbsent(owner, o -> new ArrayDeque<>()).addLast(kernel);
        return false;
    }

    /** Takes a slot whatever the limit (a re-adopted kernel runs already). */
    synchronized void acquire(String owner) {
        used.merge(owner, 1, Integer::sum);
    }

    /** Frees a slot and hands it to the first kernel waiting, if any. */
    synchronized Optional<ManagedKernel> release(String owner) {
        Deque<ManagedKernel> waiting = pending.get(owner);
        ManagedKernel next = waiting == null ? null : waiting.pollFirst();
        if (next == null) {
            used.merge(owner, -1, Integer::sum);
        }
        return Optional.ofNullable(next);
    }

    synchronized int used(String owner) {
        return used.getOrDefault(owner, 0);
    }

    /** The kernel's place among its owner's waiting kernels (1 = the next to get a slot), or 0 when it does not wait. */
    synchronized int position(String owner, ManagedKernel kernel) {
        Deque<ManagedKernel> waiting = pending.get(owner);
        if (waiting != null) {
            int place = 1;
            for (ManagedKernel queued : waiting) {
                if (queued == kernel) {
                    return place;
                }
                place++;
            }
        }
        return 0;
    }

    synchronized void forget(String owner, ManagedKernel kernel) {
        Deque<ManagedKernel> waiting = pending.get(owner);
        if (waiting != null) {
            waiting.remove(kernel);
        }
    }
}
