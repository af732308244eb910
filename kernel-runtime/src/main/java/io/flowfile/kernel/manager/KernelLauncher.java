package io.flowfile.kernel.manager;

import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.KernelRuntimeConfig;
import io.flowfile.kernel.client.ClientOptions;
import io.flowfile.kernel.client.KernelClient;
import io.flowfile.kernel.docker.ContainerSpec;
import io.flowfile.kernel.docker.DockerProvisioner;
import io.flowfile.kernel.docker.KernelContainer;
import java.time.Duration;

/** Starts a container and waits until its kernel answers; removes it again if it never does. */
final class KernelLauncher {

    private final KernelRuntimeConfig config;
    private final DockerProvisioner provisioner;

    KernelLauncher(KernelRuntimeConfig config, DockerProvisioner provisioner) {
        this.config = config;
        this.provisioner = provisioner;
    }

    WarmKernel launch(ContainerSpec spec) {
        KernelContainer container = provisioner.create(spec);
        KernelClient client = null;
        try {
            client = connect(container);
            client.waitForReady(config.startTimeout());
            return new WarmKernel(container, client, spec.image());
        } catch (KernelException | IllegalStateException e) {
            if (client != null) {
                client.close();
            }
            String log = provisioner.logTail(container.id(), 20);
            provisioner.remove(container.id());
            throw new KernelException(e instanceof KernelException k ? k.code() : io.flowfile.kernel.KernelErrorCode.KERNEL_DIED,
                    e.getMessage() + (log.isEmpty() ? "" : "; container log:\n" + log), e);
        }
    }

    KernelClient connect(KernelContainer container) {
        ClientOptions options = ClientOptions.defaults()
                .withHeartbeat(config.heartbeatInterval(), config.heartbeatInterval().plus(Duration.ofSeconds(1)), 3);
        return KernelClient.connect(container.connection(), options);
    }
}
