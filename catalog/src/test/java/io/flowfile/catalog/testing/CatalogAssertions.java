package io.flowfile.catalog.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import java.util.UUID;
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

    /** A name no other test uses, so that tests share a database without seeing each other's rows. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
