package io.flowfile.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.catalog.api.KernelRecoveryMode;
import io.flowfile.catalog.api.KernelSpec;
import io.flowfile.kernel.manager.KernelDefinition;
import io.flowfile.kernel.manager.RecoveryMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whatever kernel-runtime accepts as a definition, the catalog holds: a kernel is never saved and running but refused by the catalog. */
class KernelMirrorTest {

    @Test
    void theWidestDefinitionsTheRuntimeAcceptsAreCatalogSpecs() {
        List<KernelDefinition> extremes = List.of(
                new KernelDefinition("k".repeat(64), "n".repeat(KernelDefinition.MAX_NAME), "-" + "o._-".repeat(31) + "o._",
                        List.of("p".repeat(KernelDefinition.MAX_REQUIREMENT), "requests[socks] ~= 2.32", "numpy>=2,<3"),
                        64, 32, -1, RecoveryMode.CLEAR, Duration.ofDays(365), Duration.ofNanos(1)),
                new KernelDefinition("_", null, null, null, 0.5, 0.5, 8, RecoveryMode.EAGER, Duration.ZERO, Duration.ZERO));
        for (KernelDefinition definition : extremes) {
            KernelSpec spec = KernelMirror.spec(definition);
            assertThat(spec.id()).isEqualTo(definition.id());
            assertThat(spec.name()).isEqualTo(definition.name());
            assertThat(spec.owner()).isEqualTo(definition.owner());
            assertThat(spec.packages()).isEqualTo(definition.packages());
            assertThat(spec.recoveryMode()).isEqualTo(KernelRecoveryMode.valueOf(definition.recoveryMode().name()));
        }
    }
}
