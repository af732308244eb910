package io.flowfile.catalog.api;

import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.catalog.CatalogErrorCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KernelSpec takes KernelDefinition's defaults and checks only what the catalog's columns need. */
class KernelSpecTest {

    @Test
    void emptyFieldsTakeTheirDefaults() {
        KernelSpec spec = new KernelSpec("k", " ", null, null, 0.5, 32, -1, null, null, null);

        assertThat(spec.name()).isEqualTo("k");
        assertThat(spec.owner()).isEqualTo("local");
        assertThat(spec.packages()).isEmpty();
        assertThat(spec.recoveryMode()).isEqualTo(KernelRecoveryMode.LAZY);
        assertThat(spec.idleTimeout()).isZero();
        assertThat(spec.maxLifetime()).isZero();
    }

    @Test
    void whatTheRuntimeAcceptsIsAccepted() {
        KernelSpec spec = new KernelSpec("ml_2-gpu", "ML", "ada.lovelace", List.of("scikit-learn==1.5.2", "numpy>=2,<3",
                "requests[socks] ~= 2.32", " tabulate "), 64, 0.5, 8, KernelRecoveryMode.CLEAR, Duration.ofMillis(1500), Duration.ofNanos(1));

        assertThat(spec.packages()).hasSize(4);
        assertThat(spec.idleTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void everyProblemIsNamed() {
        assertCatalogError(() -> new KernelSpec("bad id", null, "", List.of(" "), 0.1, 99, 9, null, Duration.ofSeconds(-1),
                Duration.ofMillis(-1)), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageStartingWith("kernel 'bad id' is not valid: ")
                .hasMessageContaining("id must be 1-64 letters, digits, '-' or '_', was 'bad id'")
                .hasMessageContaining("owner must be 1-128 letters, digits, '.', '_' or '-', was ''")
                .hasMessageContaining("idle_timeout and max_lifetime must be zero (never) or positive, were PT-1S and PT-0.001S")
                .hasMessageContaining("packages[0] must be 1-256 characters, was ' '")
                .hasMessageNotContaining("memory_gb"); // resource ranges are kernel-runtime's to judge
    }

    @Test
    void theCatalogsColumnsBoundNamesAndRequirements() {
        assertCatalogError(() -> new KernelSpec("k", "n".repeat(129), null, List.of("p".repeat(257)), 1, 1, 0, null, null, null),
                CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("name must be at most 128 characters, was 129")
                .hasMessageContaining("packages[0] must be 1-256 characters, was '" + "p".repeat(257) + "'");
        assertCatalogError(() -> new KernelSpec(null, null, null, null, 1, 1, 0, null, null, null), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("id must be 1-64 letters, digits, '-' or '_', was 'null'");
    }
}
