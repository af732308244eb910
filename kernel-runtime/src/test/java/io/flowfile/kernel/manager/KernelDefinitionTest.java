package io.flowfile.kernel.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelDefinitionTest {

    @Test
    void everyBadValueIsNamedWithItsAllowedRange() {
        assertThatThrownBy(() -> new KernelDefinition("bad id!", "x", "alice", List.of("ok==1", "no spaces allowed"), 128, 0.1, 9,
                RecoveryMode.LAZY, Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.code()).isEqualTo(KernelErrorCode.INVALID_DEFINITION))
                .hasMessageContaining("id must be 1-64 letters, digits, '-' or '_', was 'bad id!'")
                .hasMessageContaining("memory_gb must be between 0.5 and 64, was 128.0")
                .hasMessageContaining("cpus must be between 0.5 and 32, was 0.1")
                .hasMessageContaining("gpus must be 0 (none), 1-8, or -1 (all), was 9")
                .hasMessageContaining("idle_timeout must be zero (never) or positive")
                .hasMessageContaining("packages[1] must be a pip requirement");
    }

    @Test
    void namesAndRequirementsAreBoundedAsTheCatalogKeepsThem() {
        assertThatThrownBy(() -> new KernelDefinition("k", "n".repeat(129), null, List.of("p".repeat(257)), 1, 1, 0, null, null, null))
                .hasMessageContaining("name must be at most 128 characters, was 129")
                .hasMessageContaining("packages[0] must be at most 256 characters, was 257");
        KernelDefinition longest = new KernelDefinition("k", "n".repeat(128), null, List.of("p".repeat(256)), 1, 1, 0, null, null, null);
        assertThat(longest.name()).hasSize(128);
    }

    @Test
    void defaultsAndProfile() {
        KernelDefinition definition = new KernelDefinition("k-1_a", null, null, null, 0.5, 32, -1, null, null, null);
        assertThat(definition.name()).isEqualTo("k-1_a");
        assertThat(definition.owner()).isEqualTo("local");
        assertThat(definition.recoveryMode()).isEqualTo(RecoveryMode.LAZY);
        assertThat(definition.profile().memoryBytes()).isEqualTo(512L << 20);
        assertThat(definition.profile().nanoCpus()).isEqualTo(32_000_000_000L);
        assertThat(definition.profile().label()).isEqualTo("0.5g-32.0cpu--1gpu");
    }

    @Test
    void roundTripsThroughJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) throws Exception {
        KernelDefinition definition = KernelDefinition.of("ml", "bob").withPackages(List.of("tabulate==0.9.0"))
                .withIdleTimeout(Duration.ofMinutes(5)).withRecoveryMode(RecoveryMode.EAGER);
        java.nio.file.Path file = directory.resolve("ml.json");
        definition.write(file);
        String json = java.nio.file.Files.readString(file);
        assertThat(json).contains("\"memory_gb\":2.0").contains("\"idle_timeout\":\"PT5M\"").contains("\"recovery_mode\":\"EAGER\"");
        assertThat(KernelDefinition.read(file)).isEqualTo(definition);
    }
}
