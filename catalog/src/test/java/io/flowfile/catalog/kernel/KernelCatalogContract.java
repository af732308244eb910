package io.flowfile.catalog.kernel;

import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static io.flowfile.catalog.testing.CatalogAssertions.inParallel;
import static io.flowfile.catalog.testing.CatalogAssertions.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.api.KernelRecord;
import io.flowfile.catalog.api.KernelRecoveryMode;
import io.flowfile.catalog.api.KernelSpec;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KernelCatalog against a real database; H2 and PostgreSQL subclasses run it. */
public abstract class KernelCatalogContract {

    @Inject
    KernelCatalog kernels;

    static KernelSpec spec(String id, String owner, List<String> packages) {
        return new KernelSpec(id, "Kernel " + id, owner, packages, 2.5, 1.5, 0, KernelRecoveryMode.EAGER,
                Duration.ofMinutes(30), Duration.ofHours(8));
    }

    @Test
    void saveAndGetRoundTripEveryField() {
        String id = unique("ml");
        KernelSpec spec = spec(id, "ada", List.of("scikit-learn==1.5.2", "tabulate", "numpy>=2,<3"));

        KernelRecord saved = kernels.save(spec);

        assertThat(saved.spec()).isEqualTo(spec);
        assertThat(saved.createdAt()).isEqualTo(saved.updatedAt());
        assertThat(kernels.get(id)).isEqualTo(saved);
        assertThat(kernels.find(id)).contains(saved);
    }

    @Test
    void savingAgainReplacesTheDefinitionAndKeepsItsCreationTime() {
        String id = unique("gpu");
        KernelRecord first = kernels.save(spec(id, "ada", List.of("a", "b", "c")));
        KernelSpec changed = new KernelSpec(id, null, null, List.of("c", "a"), 8, 4, -1, null, null, null);

        KernelRecord second = kernels.save(changed);

        assertThat(second.spec()).isEqualTo(changed);
        assertThat(second.spec().name()).isEqualTo(id);
        assertThat(second.spec().owner()).isEqualTo("local");
        assertThat(second.spec().recoveryMode()).isEqualTo(KernelRecoveryMode.LAZY);
        assertThat(second.spec().packages()).containsExactly("c", "a");
        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(second.updatedAt()).isAfterOrEqualTo(first.updatedAt());
        assertThat(kernels.get(id)).isEqualTo(second);
    }

    @Test
    void listGivesEveryKernelOrThoseOfOneOwner() {
        String owner = unique("owner");
        KernelRecord b = kernels.save(spec(unique("b"), owner, List.of()));
        KernelRecord a = kernels.save(spec(unique("a"), owner, List.of()));
        KernelRecord other = kernels.save(spec(unique("c"), unique("someone"), List.of()));

        assertThat(kernels.listForOwner(owner)).extracting(KernelRecord::id).containsExactly(a.id(), b.id());
        assertThat(kernels.list()).contains(a, b, other).extracting(KernelRecord::id).isSorted();
    }

    @Test
    void deleteRemovesTheDefinition() {
        String id = unique("gone");
        kernels.save(spec(id, "ada", List.of("x")));

        kernels.delete(id);

        assertThat(kernels.find(id)).isEmpty();
        assertCatalogError(() -> kernels.get(id), CatalogErrorCode.KERNEL_NOT_FOUND)
                .hasMessageContaining("no kernel with id '" + id + "' is defined in the catalog");
        assertCatalogError(() -> kernels.delete(id), CatalogErrorCode.KERNEL_NOT_FOUND);
    }

    @Test
    void timeoutsComeBackExactly() {
        String id = unique("timeouts");
        KernelSpec spec = new KernelSpec(id, null, null, null, 1, 1, 0, null, Duration.ofMillis(1500), Duration.ofSeconds(86_400, 123_456_789));

        assertThat(kernels.save(spec).spec()).isEqualTo(spec);
        assertThat(kernels.get(id).spec().idleTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(kernels.get(id).spec().maxLifetime()).isEqualTo(Duration.ofSeconds(86_400, 123_456_789));
    }

    @Test
    void concurrentFirstSavesOfOneIdEndWithOneDefinition() throws Exception {
        String id = unique("raced");

        List<KernelRecord> saved = inParallel(4, thread -> List.of(kernels.save(spec(id, "owner-" + thread, List.of("pkg" + thread)))));

        KernelRecord stored = kernels.get(id);
        // one whole definition that some thread saved (never one thread's owner with another's packages)
        assertThat(saved).extracting(KernelRecord::spec).contains(stored.spec());
        assertThat(kernels.list()).extracting(KernelRecord::id).containsOnlyOnce(id);
    }

    @Test
    void badArgumentsAreRefused() {
        assertCatalogError(() -> kernels.save(null), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> kernels.get("no/such"), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> kernels.listForOwner("no owner"), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("owner must be 1-128 letters, digits, '.', '_' or '-'");
    }
}
