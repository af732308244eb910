package io.flowfile.catalog.internal;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where the catalog meets other writers of the same rows. Two kinds of database failure mean "someone
 * else is changing this right now" and become CONCURRENT_UPDATE: a unique-constraint violation from
 * an insert that another caller won (retried first where retrying helps), and a lock that was not
 * granted in time (the datasource sets a lock timeout, see README.md). A foreign-key violation after a
 * check that the rows named exist means another caller deleted one in between: {@link #withReferences}
 * answers the error the check gives now. Every other failure passes through unchanged.
 */
public final class Conflicts {

    private static final int ATTEMPTS = 5;
    /** unique_violation on both databases. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** SQLSTATEs of a foreign key naming a row that does not exist: PostgreSQL's, H2's. */
    private static final Set<String> FOREIGN_KEY_VIOLATIONS = Set.of("23503", "23506");
    /**
     * A lock not granted: PostgreSQL's lock_not_available (lock_timeout) and deadlock_detected, H2's
     * lock timeout, and serialization_failure on both.
     */
    private static final Set<String> LOCK_CONFLICTS = Set.of("55P03", "40P01", "HYT00", "40001");

    private Conflicts() {
    }

    /**
     * Runs {@code work} in the caller's transaction, or in one of its own when the caller has none;
     * a lock not granted in time (while working or committing) becomes CONCURRENT_UPDATE.
     *
     * @param what names the rows in the error, e.g. "run 1234"
     */
    public static <T> T inTransaction(String what, Supplier<T> work) {
        try {
            return QuarkusTransaction.joiningExisting().call(work::get);
        } catch (RuntimeException e) {
            throw isLockConflict(e) ? concurrentUpdate(what, e) : e;
        }
    }

    /**
     * Looks a row up with a write lock in the current transaction; a lock not granted in time becomes
     * CONCURRENT_UPDATE. For the transactional methods of the services.
     */
    public static <T> Optional<T> locked(String what, Supplier<Optional<T>> lookup) {
        try {
            return lookup.get();
        } catch (RuntimeException e) {
            throw isLockConflict(e) ? concurrentUpdate(what, e) : e;
        }
    }

    /**
     * An insert-or-update ({@code work} looks the row up and changes or inserts it): when a concurrent
     * caller inserted the same key first, {@code work} runs again and finds that row. In the caller's
     * transaction no second run is possible (the failed insert spoiled it): the conflict is reported.
     */
    public static <T> T upsert(String what, Supplier<T> work) {
        boolean joined = QuarkusTransaction.isActive();
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return inTransaction(what, work);
            } catch (RuntimeException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                if (joined) {
                    throw concurrentUpdate(what, e);
                }
                last = e;
            }
        }
        throw concurrentUpdate(what, last);
    }

    /**
     * Inserts a row whose unique key concurrent callers may insert too ({@code work} checks that the
     * key is free, failing with {@code taken} when it is not, then inserts and flushes), in the
     * caller's transaction or one of its own. A caller that loses the race fails with what {@code taken}
     * makes of the unique-constraint violation (e.g. USER_EXISTS), not with CONCURRENT_UPDATE: the key
     * was taken, trying again would not help.
     */
    public static <T> T insertUnique(String what, Supplier<T> work, Function<Throwable, CatalogException> taken) {
        try {
            return inTransaction(what, work);
        } catch (RuntimeException e) {
            throw isUniqueViolation(e) ? taken.apply(e) : e;
        }
    }

    /**
     * Runs {@code work}, which checks that the rows it names exist (or that nothing names the row it
     * deletes), then writes and flushes. A concurrent caller may delete a named row (or name the deleted
     * one) between the check and the write: the foreign-key violation then becomes what {@code lost}
     * makes of it, the error the check gives now (e.g. FLOW_NOT_FOUND), not a persistence exception.
     * Starts no transaction: it wraps a transactional method's work, or a call of {@link #inTransaction},
     * {@link #upsert} or {@link #withParent}, whose own transactions commit inside it.
     */
    public static <T> T withReferences(Supplier<T> work, Function<Throwable, CatalogException> lost) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw !(e instanceof CatalogException) && isForeignKeyViolation(e) ? lost.apply(e) : e;
        }
    }

    /**
     * Works on a child of a parent row (a flow, a global artifact name) that concurrent callers may
     * create at the same moment. {@code attempt} runs in the caller's transaction (or one of its own):
     * it checks what it needs, locks the parent row and does its work, or returns empty when the parent
     * row does not exist. Then {@code createParent} inserts it in a transaction of its own, which
     * commits at once (a concurrent caller that inserted it first is no failure), and {@code attempt}
     * runs again. A caller without a transaction of its own thus never holds two connections.
     *
     * <p>A parent row without children is what a failed first attempt can leave behind; readers must
     * not show it (the repositories' {@code findByName} hide rows whose {@code last_version} is 0).
     */
    public static <T> T withParent(String what, Runnable createParent, Supplier<Optional<T>> attempt) {
        RuntimeException last = null;
        for (int round = 0; round < ATTEMPTS; round++) {
            Optional<T> done = inTransaction(what, attempt);
            if (done.isPresent()) {
                return done.get();
            }
            try {
                QuarkusTransaction.requiringNew().run(createParent);
            } catch (RuntimeException e) {
                if (!isUniqueViolation(e)) {
                    throw isLockConflict(e) ? concurrentUpdate(what, e) : e;
                }
                last = e; // another caller created it: the next attempt finds it
            }
        }
        throw concurrentUpdate(what, last);
    }

    /** Whether the failure is (caused by) a unique-constraint violation. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is (caused by) a foreign-key violation: a row it names does not exist. */
    public static boolean isForeignKeyViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && FOREIGN_KEY_VIOLATIONS.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is (caused by) a lock that was not granted: a timeout, a deadlock. */
    public static boolean isLockConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LockTimeoutException || cause instanceof PessimisticLockException
                    || cause instanceof SQLException sql && LOCK_CONFLICTS.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** CONCURRENT_UPDATE: others are changing {@code what} (e.g. "run 1234") at the same time. */
    public static CatalogException concurrentUpdate(String what, Throwable cause) {
        return new CatalogException(CatalogErrorCode.CONCURRENT_UPDATE,
                "could not change " + what + ": others are changing it at the same time; try again", cause);
    }
}
