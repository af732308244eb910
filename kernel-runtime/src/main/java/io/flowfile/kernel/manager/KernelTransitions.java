package io.flowfile.kernel.manager;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kernel's state changes. Each is made under the kernel's lock, after the caller checked there
 * that the start or run it belongs to is still the kernel's (its generation), and told to the
 * listeners once the lock is released: a late party never writes over a later run's state, and no
 * listener runs under the lock.
 */
final class KernelTransitions {

    private static final Logger LOG = LoggerFactory.getLogger(KernelTransitions.class);

    /** A state change made under the kernel's lock, told to the listeners once the lock is released. */
    record Change(ManagedKernel kernel, KernelState from, KernelState to, String reason) {}

    private final List<KernelListener> listeners = new CopyOnWriteArrayList<>();

    void addListener(KernelListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Sets the state; the caller holds the kernel's lock and tells the change after releasing it. */
    static Change set(ManagedKernel kernel, KernelState to, String reason) {
        Change change = new Change(kernel, kernel.state, to, reason);
        kernel.state = to;
        kernel.reason = reason;
        return change;
    }

    /** Moves the kernel to a state if it is still in the given start or run; answers whether it did. */
    boolean transitionIf(ManagedKernel kernel, long generation, KernelState to, String reason) {
        Change change;
        synchronized (kernel) {
            if (kernel.generation != generation) {
                return false;
            }
            change = set(kernel, to, reason);
        }
        tell(change);
        return true;
    }

    /** Tells the listeners; the caller does not hold the kernel's lock. */
    void tell(Change change) {
        if (change.from() == change.to()) {
            return;
        }
        for (KernelListener listener : listeners) {
            try {
                listener.stateChanged(change.kernel().definition.id(), change.from(), change.to(), change.reason());
            } catch (RuntimeException e) {
                LOG.warn("kernel listener failed: {}", e.toString());
            }
        }
    }
}
