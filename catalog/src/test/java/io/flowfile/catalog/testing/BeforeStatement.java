package io.flowfile.catalog.testing;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Puts another caller's change between a service's check and its write, every time and on both
 * databases: {@link #interleave} runs the service call, and right before that thread's first SQL
 * statement beginning with the given text (e.g. {@code "insert into runs"}) is prepared, the other
 * change runs in a transaction of its own and commits. Does nothing while no test armed it.
 */
@PersistenceUnitExtension
public class BeforeStatement implements StatementInspector {

    private static final AtomicReference<Armed> ARMED = new AtomicReference<>();

    private record Armed(Thread thread, String statementStart, Runnable change) {
    }

    /**
     * Calls {@code call}, running {@code change} (committed in a transaction of its own) right before
     * the call's first statement that begins with {@code statementStart}; fails when no such statement came.
     */
    public static <T> T interleave(String statementStart, Runnable change, Supplier<T> call) {
        Armed armed = new Armed(Thread.currentThread(), statementStart, change);
        if (!ARMED.compareAndSet(null, armed)) {
            throw new IllegalStateException("another interleaving is armed");
        }
        try {
            return call.get();
        } finally {
            if (ARMED.compareAndSet(armed, null)) {
                throw new AssertionError("no statement began with '" + statementStart + "': the change never ran");
            }
        }
    }

    @Override
    public String inspect(String sql) {
        Armed armed = ARMED.get();
        if (armed != null && armed.thread() == Thread.currentThread()
                && sql.regionMatches(true, 0, armed.statementStart(), 0, armed.statementStart().length())
                && ARMED.compareAndSet(armed, null)) {
            QuarkusTransaction.requiringNew().run(armed.change());
        }
        return sql;
    }
}
