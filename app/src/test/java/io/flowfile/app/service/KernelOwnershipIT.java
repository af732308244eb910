package io.flowfile.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.app.kernel.LazyKernelGateway;
import io.flowfile.catalog.api.KernelSpec;
import io.flowfile.catalog.kernel.KernelCatalog;
import io.flowfile.kernel.manager.KernelDefinition;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whose kernel it is, is what the kernel manager records (code runs as that owner), not the
 * catalog's copy: that copy may be missing (the kernel defined by another process) or stale (another
 * server or a command line changed it). The kernel plane needs Docker to open.
 */
@QuarkusTest
class KernelOwnershipIT {

    @Inject
    KernelOwnership ownership;

    @Inject
    LazyKernelGateway kernels;

    @Inject
    KernelCatalog catalog;

    private final String kernel = "owned-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void forget() {
        if (kernels.plane().manager().info(kernel).isPresent()) {
            kernels.plane().manager().remove(kernel);
        }
        catalog.find(kernel).ifPresent(found -> catalog.delete(kernel));
    }

    private static void assertNotFound(Runnable check) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ServerErrorCode.KERNEL_NOT_FOUND));
    }

    @Test
    void aKernelTheCatalogLacksIsTheManagersOwnersOnly() {
        kernels.plane().manager().define(KernelDefinition.of(kernel, "alice"));
        assertThat(catalog.find(kernel)).isEmpty();

        assertNotFound(() -> ownership.require("bob", kernel));
        assertThatCode(() -> ownership.require("alice", kernel)).doesNotThrowAnyException();
    }

    @Test
    void aStaleCatalogCopyNamingAnotherOwnerGivesThemNothing() {
        kernels.plane().manager().define(KernelDefinition.of(kernel, "alice"));
        catalog.save(new KernelSpec(kernel, null, "bob", null, 1, 1, 0, null, null, null));

        assertNotFound(() -> ownership.require("bob", kernel));
    }

    @Test
    void aKernelNobodyHasIsNotFound() {
        assertNotFound(() -> ownership.require("bob", "never-defined-" + UUID.randomUUID()));
    }
}
