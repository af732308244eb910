package io.flowfile.catalog.internal;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.persistence.PersistenceException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates a parent row (a flow, a global artifact name) that concurrent callers may create at the same
 * moment. The row is inserted in a transaction of its own; a caller that loses the race finds the
 * winner's row on its next look. The caller then locks the row in its own transaction, so that
 * version numbers are handed out one at a time.
 */
public final class Conflicts {

    private static final int ATTEMPTS = 5;

    private Conflicts() {
    }

    /**
     * @param find   looks the row up (with a lock) in the caller's transaction
     * @param create inserts and flushes the row; runs in a new transaction
     * @param what   names the row in the error after the last attempt, e.g. "flow 'sales'"
     */
    public static <T> T findOrCreate(Supplier<Optional<T>> find, Runnable create, String what) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<T> found = find.get();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                QuarkusTransaction.requiringNew().run(create);
            } catch (PersistenceException | QuarkusTransactionException e) {
                last = e; // someone else created it (unique constraint) or the insert lost a lock race
            }
        }
        throw new CatalogException(CatalogErrorCode.CONCURRENT_UPDATE,
                "could not create " + what + " after " + ATTEMPTS + " attempts: others are changing it at the same time; try again", last);
    }
}
