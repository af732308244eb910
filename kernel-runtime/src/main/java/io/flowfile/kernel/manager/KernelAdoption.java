package io.flowfile.kernel.manager;

import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.client.KernelClient;
import io.flowfile.kernel.docker.DockerProvisioner;
import io.flowfile.kernel.docker.KernelContainer;
import io.flowfile.kernel.docker.Labels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart of the manager: finds this instance's containers by label, re-adopts the kernels
 * that still answer (those with an assignment), and removes the rest (pooled ones nobody took,
 * stopped ones, ones that do not answer).
 * Containers of other instances are never listed, so never touched.
 */
final class KernelAdoption {

    private static final Logger LOG = LoggerFactory.getLogger(KernelAdoption.class);
    private final DockerProvisioner provisioner;
    private final KernelLauncher launcher;

    KernelAdoption(DockerProvisioner provisioner, KernelLauncher launcher) {
        this.provisioner = provisioner;
        this.launcher = launcher;
    }

    void adopt(BiConsumer<KernelDefinition, WarmKernel> adopted) {
        for (var container : provisioner.ownedContainers()) {
            String kernelId = container.getLabels().getOrDefault(Labels.KERNEL, Labels.POOLED);
            if (!"running".equals(container.getState())) {
                provisioner.remove(container.getId());
                continue;
            }
            KernelClient client = null;
            try {
                KernelContainer reattached = provisioner.reattach(container);
                // Labels are fixed at creation: a kernel started from the pool still says "pooled".
                // What a container serves is its assignment; one without is a pooled container nobody took.
                if (!Files.isRegularFile(assignmentFile(reattached))) {
                    provisioner.remove(container.getId());
                    continue;
                }
                KernelDefinition definition = readAssignment(reattached);
                provisioner.checkExchangeMount(container, definition.owner());
                provisioner.closeNetwork(container.getId()); // made by an engine that may not have closed it
                client = launcher.connect(reattached);
                client.waitForReady(Duration.ofSeconds(10));
                adopted.accept(definition, new WarmKernel(reattached, client, container.getImage()));
            } catch (KernelException | UncheckedIOException e) {
                LOG.info("removing container {} of kernel {}: it cannot be re-adopted ({})", container.getId(), kernelId, e.getMessage());
                if (client != null) {
                    client.close();
                }
                provisioner.remove(container.getId());
            }
        }
    }

    /** Records which kernel a container serves, so a later manager can re-adopt it. */
    static void writeAssignment(KernelContainer container, KernelDefinition definition) {
        Path file = assignmentFile(container);
        try {
            definition.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static KernelDefinition readAssignment(KernelContainer container) {
        Path file = assignmentFile(container);
        try {
            return KernelDefinition.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("no readable kernel assignment at " + file, e);
        }
    }

    private static Path assignmentFile(KernelContainer container) {
        return container.connectionFile().resolveSibling("kernel.json");
    }
}
