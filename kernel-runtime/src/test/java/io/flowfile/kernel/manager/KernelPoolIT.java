package io.flowfile.kernel.manager;

import static io.flowfile.kernel.testing.KernelTesting.await;
import static io.flowfile.kernel.testing.KernelTesting.stdout;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.flowfile.kernel.testing.KernelTesting;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The prewarmed pool hands out only kernels that answer and are not too old, and removes dead and
 * expired warm kernels in the background (the monitor's tick), refilling behind them.
 */
class KernelPoolIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    @RegisterExtension
    final KernelTesting.Managers kernels = new KernelTesting.Managers();
    /** The pool's clock: warm kernels age only when the test moves it on. */
    private final AtomicLong now = new AtomicLong(System.nanoTime());
    private KernelManager manager;

    /** A manager with a pool of one and its pool on the test's clock, prewarmed for the definition; answers the warm container's id. */
    private String prewarmed(KernelDefinition definition) throws Exception {
        manager = kernels.closeAfter(new KernelManager(kernels.config().withPoolSize(1), now::get));
        manager.define(definition);
        assertThat(manager.prewarm(definition, TIMEOUT)).isTrue();
        return manager.provisioner().ownedContainers().getFirst().getId();
    }

    private void kill(String container) {
        manager.provisioner().docker().killContainerCmd(container).exec();
    }

    private void age() {
        now.addAndGet(KernelPool.MAX_AGE.toNanos());
    }

    private void awaitRemoved(String container) throws InterruptedException {
        await("warm container " + container + " to be removed", TIMEOUT, () -> !manager.provisioner().status(container).exists());
    }

    /** Waits until the pool refilled without a take, and checks that a start takes the new warm kernel. */
    private void assertRefilledBehind(String removed, KernelDefinition definition) throws Exception {
        await("a fresh warm container", TIMEOUT, () -> manager.provisioner().ownedContainers().stream()
                .anyMatch(container -> !container.getId().equals(removed) && "running".equals(container.getState())));
        assertThat(manager.prewarm(definition, TIMEOUT)).isTrue();
        List<String> warm = manager.provisioner().ownedContainers().stream().map(Container::getId).toList();
        assertThat(warm).hasSize(1).doesNotContain(removed);
        KernelInfo info = manager.start(definition.id()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(info.containerId()).as("the start takes the refilled warm kernel").contains(warm.getFirst());
    }

    @Test
    void aDeadWarmKernelIsDiscardedAndTheStartLaunchesAFreshOne() throws Exception {
        String warm = prewarmed(KernelDefinition.of("pooled", "alice"));
        kill(warm);
        KernelInfo info = manager.start("pooled").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(info.containerId().orElseThrow()).isNotEqualTo(warm);
        assertThat(stdout(manager, "pooled", "print(6 * 7)")).isEqualTo("42");
        awaitRemoved(warm);
    }

    @Test
    void aWarmKernelOlderThanTheMaximumAgeIsReplaced() throws Exception {
        String warm = prewarmed(KernelDefinition.of("aged", "alice"));
        age();
        KernelInfo info = manager.start("aged").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(info.containerId().orElseThrow()).isNotEqualTo(warm);
        awaitRemoved(warm);
    }

    @Test
    void aDeadWarmKernelIsRemovedAndReplacedWithoutATake() throws Exception {
        KernelDefinition definition = KernelDefinition.of("dead", "alice");
        String warm = prewarmed(definition);
        kill(warm);
        awaitRemoved(warm);
        assertRefilledBehind(warm, definition);
    }

    @Test
    void anExpiredWarmKernelIsRemovedAndReplacedWithoutATake() throws Exception {
        KernelDefinition definition = KernelDefinition.of("expired", "alice");
        String warm = prewarmed(definition);
        age();
        awaitRemoved(warm);
        assertRefilledBehind(warm, definition);
    }
}
