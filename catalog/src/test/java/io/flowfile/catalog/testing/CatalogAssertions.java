package io.flowfile.catalog.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

public final class CatalogAssertions {

    private CatalogAssertions() {
    }

    /** Asserts that {@code call} fails with a CatalogException of {@code code}; continue with the message. */
    public static AbstractThrowableAssert<?, ? extends Throwable> assertCatalogError(ThrowingCallable call, CatalogErrorCode code) {
        return assertThatThrownBy(call)
                .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    /**
     * Asserts that each call, which passes null for an argument, fails with INVALID_ARGUMENT (as every
     * service answers a missing argument), not with a NullPointerException or a database error.
     */
    public static void assertInvalidArguments(ThrowingCallable... calls) {
        for (int i = 0; i < calls.length; i++) {
            assertThatThrownBy(calls[i]).as("call %d of %d", i + 1, calls.length)
                    .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.code()).isEqualTo(CatalogErrorCode.INVALID_ARGUMENT));
        }
    }

    /** The work of one thread of {@link #inParallel}. */
    @FunctionalInterface
    public interface ThreadWork<T> {
        List<T> run(int thread) throws Exception;
    }

    /**
     * Runs {@code work} on {@code threads} threads at once (each is told its number) and returns what
     * they returned, in thread order; fails when one fails or when they take more than a minute.
     */
    public static <T> List<T> inParallel(int threads, ThreadWork<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int number = thread;
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.run(number);
                }));
            }
            start.countDown();
            List<T> all = new ArrayList<>();
            for (Future<List<T>> future : futures) {
                all.addAll(future.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A name no other test uses, so that tests share a database without seeing each other's rows. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
