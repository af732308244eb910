package io.flowfile.engine.duckdb;

import io.flowfile.node.Schema;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gathers the queries that concurrent tasks want bound into one DuckDB statement. Tasks started by
 * {@link #runAll} run on virtual threads; a task that asks for a schema waits, and when every task
 * is either waiting or finished, the waiting queries are bound together ({@link DuckDb#describeAll}).
 * Binding many queries at once costs little more than binding one, so validating the independent
 * nodes of a flow side by side needs one statement per round instead of one per node.
 * A query asked for outside {@link #runAll} is bound at once.
 */
public final class BindBatcher {

    private static final ThreadLocal<BindBatcher> TASK = new ThreadLocal<>();

    private final DuckDb duckDb;
    /** One {@link #runAll} at a time: concurrent validations take turns round by round. */
    private final ReentrantLock rounds = new ReentrantLock();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition bound = lock.newCondition();
    private final List<Request> pending = new ArrayList<>();
    /** Tasks running Java code: neither waiting for a bind nor finished. */
    private int running;
    /** Statements sent to DuckDB for batches, for tests. */
    private int batches;

    private static final class Request {
        final String query;
        Binder.Described result;

        Request(String query) {
            this.query = query;
        }
    }

    public BindBatcher(DuckDb duckDb) {
        this.duckDb = Objects.requireNonNull(duckDb, "duckDb is null");
    }

    /** The schema {@code query} binds to; see {@link DuckDb#describe}. */
    public Schema describe(String query) throws SQLException {
        if (TASK.get() != this) {
            return duckDb.describeAll(List.of(query)).getFirst().get();
        }
        var request = new Request(query);
        lock.lock();
        try {
            pending.add(request);
            running--;
            if (running == 0) {
                flush();
            }
            while (request.result == null) {
                bound.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        return request.result.get();
    }

    /**
     * Runs {@code tasks} side by side and returns when all have finished. The first exception a
     * task throws is rethrown (the others still run to the end).
     */
    public void runAll(List<Runnable> tasks) {
        if (tasks.size() == 1) {
            tasks.getFirst().run();
            return;
        }
        if (tasks.isEmpty()) {
            return;
        }
        if (TASK.get() == this) {
            throw new IllegalStateException("runAll called from one of its own tasks");
        }
        rounds.lock();
        try {
            runTogether(tasks);
        } finally {
            rounds.unlock();
        }
    }

    private void runTogether(List<Runnable> tasks) {
        lock.lock();
        try {
            running = tasks.size();
        } finally {
            lock.unlock();
        }
        var failures = new ArrayList<Throwable>();
        var threads = new ArrayList<Thread>(tasks.size());
        for (Runnable task : tasks) {
            threads.add(Thread.ofVirtual().name("flowfile-bind-task").start(() -> {
                TASK.set(this);
                try {
                    task.run();
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                } finally {
                    finished();
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while validating", e);
            }
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.getFirst();
            if (first instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (first instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(first);
        }
    }

    /** How many batches were bound so far. */
    int batches() {
        lock.lock();
        try {
            return batches;
        } finally {
            lock.unlock();
        }
    }

    private void finished() {
        lock.lock();
        try {
            running--;
            if (running == 0 && !pending.isEmpty()) {
                flush();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Binds every waiting query; the woken tasks count as running again from here on. */
    private void flush() {
        var batch = List.copyOf(pending);
        pending.clear();
        batches++;
        List<Binder.Described> results = duckDb.describeAll(batch.stream().map(request -> request.query).toList());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result = results.get(i);
        }
        running += batch.size();
        bound.signalAll();
    }
}
