package io.flowfile.engine.duckdb;

import io.flowfile.node.Schema;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Gathers the queries that independent tasks want bound into one DuckDB statement. {@link #runAll}
 * runs its tasks one after the other on the calling thread; a task that asks for a schema not bound
 * yet is stopped there ({@link #describe} throws), and once every task has run, all the queries
 * they asked for are bound together ({@link DuckDb#describeAll}) and the stopped tasks run again
 * from the start, now finding their schemas. Binding many queries at once costs little more than
 * binding one, so validating the independent nodes of a flow needs one statement per round instead
 * of one per node. A task must therefore be safe to run again: planning a node is.
 * A query asked for outside {@link #runAll} is bound at once.
 */
public final class BindBatcher {

    /** Stops a task whose query is not bound yet; thrown without a stack trace. */
    private static final class NotBoundYet extends RuntimeException {
        NotBoundYet() {
            super("a query is waiting to be bound with others", null, false, false);
        }
    }

    private static final NotBoundYet NOT_BOUND_YET = new NotBoundYet();
    /** A node binds a handful of queries, each depending on the last at most; more passes mean a task that never settles. */
    private static final int MAX_PASSES = 1_000;

    /** The state of one {@link #runAll} on one thread. */
    private static final class Round {
        final Map<String, Binder.Described> bound = new HashMap<>();
        final Set<String> wanted = new LinkedHashSet<>();
        boolean asked;
    }

    private final DuckDb duckDb;
    private final ThreadLocal<Round> rounds = new ThreadLocal<>();
    /** Statements sent to DuckDB for batches, for tests. */
    private int batches;

    public BindBatcher(DuckDb duckDb) {
        this.duckDb = Objects.requireNonNull(duckDb, "duckDb is null");
    }

    /** The schema {@code query} binds to, as {@link Binder#describeAll} binds it. */
    public Schema describe(String query) throws SQLException {
        Round round = rounds.get();
        if (round == null) {
            return duckDb.describeAll(List.of(query)).getFirst().get();
        }
        Binder.Described known = round.bound.get(query);
        if (known != null) {
            return known.get();
        }
        round.wanted.add(query);
        round.asked = true;
        throw NOT_BOUND_YET;
    }

    /**
     * Runs {@code tasks} until each has finished without waiting for a bind. A task that asked for
     * an unbound query runs again after the batch, even if it caught the signal and went on, so
     * its result is always the one made with every schema it asked for. An exception a task
     * throws otherwise ends the round and is rethrown.
     */
    public void runAll(List<Runnable> tasks) {
        if (rounds.get() != null) {
            throw new IllegalStateException("runAll called from one of its own tasks");
        }
        var round = new Round();
        rounds.set(round);
        try {
            List<Runnable> pending = tasks;
            for (int pass = 0; !pending.isEmpty(); pass++) {
                if (pass > MAX_PASSES) {
                    throw new IllegalStateException("tasks still ask for new queries after " + MAX_PASSES + " batches");
                }
                var again = new ArrayList<Runnable>();
                for (Runnable task : pending) {
                    round.asked = false;
                    try {
                        task.run();
                    } catch (NotBoundYet e) {
                        round.asked = true;
                    }
                    if (round.asked) {
                        again.add(task);
                    }
                }
                if (!again.isEmpty()) {
                    bind(round);
                }
                pending = again;
            }
        } finally {
            rounds.remove();
        }
    }

    private void bind(Round round) {
        var queries = List.copyOf(round.wanted);
        round.wanted.clear();
        List<Binder.Described> results = duckDb.describeAll(queries);
        for (int i = 0; i < queries.size(); i++) {
            round.bound.put(queries.get(i), results.get(i));
        }
        synchronized (this) {
            batches++;
        }
    }

    /** How many batches were bound so far. */
    synchronized int batches() {
        return batches;
    }
}
