package io.flowfile.kernel.manager;

import static io.flowfile.kernel.testing.KernelTesting.stdout;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.kernel.KernelRuntimeConfig;
import io.flowfile.kernel.testing.KernelTesting;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The prewarmed pool hands out only kernels that answer and are not too old. */
class KernelPoolIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private KernelManager manager;

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    private static KernelRuntimeConfig config(TestInfo test) throws Exception {
        return KernelTesting.config(test.getTestMethod().orElseThrow().getName()).withPoolSize(1);
    }

    /** Prewarms the pool for the definition and answers the warm container's id. */
    private String prewarmed(KernelDefinition definition) throws Exception {
        manager.define(definition);
        assertThat(manager.prewarm(definition, TIMEOUT)).isTrue();
        return manager.provisioner().ownedContainers().getFirst().getId();
    }

    @Test
    void aDeadWarmKernelIsDiscardedAndTheStartLaunchesAFreshOne(TestInfo test) throws Exception {
        manager = new KernelManager(config(test));
        String warm = prewarmed(KernelDefinition.of("pooled", "alice"));
        manager.provisioner().docker().killContainerCmd(warm).exec();
        KernelInfo info = manager.start("pooled").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(info.containerId().orElseThrow()).isNotEqualTo(warm);
        assertThat(stdout(manager, "pooled", "print(6 * 7)")).isEqualTo("42");
        assertThat(manager.provisioner().status(warm).exists()).as("the dead warm container is removed").isFalse();
    }

    @Test
    void aWarmKernelOlderThanTheMaximumAgeIsReplaced(TestInfo test) throws Exception {
        manager = new KernelManager(config(test), Duration.ZERO);
        String warm = prewarmed(KernelDefinition.of("aged", "alice"));
        KernelInfo info = manager.start("aged").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(info.containerId().orElseThrow()).isNotEqualTo(warm);
        assertThat(manager.provisioner().status(warm).exists()).as("the expired warm container is removed").isFalse();
    }
}
