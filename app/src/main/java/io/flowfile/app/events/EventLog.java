package io.flowfile.app.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The events of one run (or one kernel), numbered from 1, kept so that a client that connects late
 * or reconnects gets what it missed and then the live events. Bounded: past {@code capacity} the
 * oldest events go, and a subscriber that asks for one of them is told how many it lost.
 */
public final class EventLog {

    /** One event: its id (the SSE id), its name (the SSE event name) and its data (a JSON value). */
    public record Entry(long id, String name, Object data) {
    }

    /** A live subscription; close it when the client goes. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private long lastId;
    private boolean closed;

    private record Subscriber(Consumer<Entry> onEvent, Runnable onEnd) {
    }

    public EventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Adds an event and hands it to every subscriber, in id order (subscribers are called under the
     * log's lock, so they must not block: an SSE send is asynchronous).
     */
    public synchronized Entry append(String name, Object data) {
        Objects.requireNonNull(name, "name is null");
        if (closed) {
            throw new IllegalStateException("the event log is closed");
        }
        Entry entry = new Entry(++lastId, name, data);
        entries.addLast(entry);
        if (entries.size() > capacity) {
            entries.removeFirst();
        }
        for (Subscriber subscriber : List.copyOf(subscribers)) {
            subscriber.onEvent().accept(entry);
        }
        return entry;
    }

    /** No more events: subscribers are told, later subscribers get the history and the end at once. */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Subscriber> receivers = List.copyOf(subscribers);
        subscribers.clear();
        receivers.forEach(subscriber -> subscriber.onEnd().run());
    }

    public synchronized boolean closed() {
        return closed;
    }

    public synchronized long lastId() {
        return lastId;
    }

    /** The events kept, oldest first. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Replays every kept event after {@code afterId}, then hands over live events as they come, in
     * order and without a gap or a repeat; {@code onEnd} runs once the log is closed.
     *
     * @param onGap told how many events after {@code afterId} are no longer kept (0: none lost)
     */
    public Subscription subscribe(long afterId, java.util.function.LongConsumer onGap, Consumer<Entry> onEvent, Runnable onEnd) {
        var subscriber = new Subscriber(onEvent, onEnd);
        synchronized (this) {
            long firstKept = entries.isEmpty() ? lastId + 1 : entries.getFirst().id();
            long lost = Math.max(0, firstKept - afterId - 1);
            if (lost > 0) {
                onGap.accept(lost);
            }
            for (Entry entry : entries) {
                if (entry.id() > afterId) {
                    onEvent.accept(entry);
                }
            }
            if (closed) {
                onEnd.run();
                return () -> {
                };
            }
            subscribers.add(subscriber);
        }
        return () -> {
            synchronized (this) {
                subscribers.remove(subscriber);
            }
        };
    }
}
