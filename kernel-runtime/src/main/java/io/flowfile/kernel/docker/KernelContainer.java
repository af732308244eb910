package io.flowfile.kernel.docker;

import static java.util.Objects.requireNonNull;

import io.flowfile.kernel.protocol.ConnectionInfo;
import java.nio.file.Path;
import java.util.Map;

/**
 * A running kernel container as the engine reaches it.
 *
 * @param id         the Docker container id
 * @param name       the container name
 * @param connection the connection as seen from the host: 127.0.0.1 and the published ports
 * @param connectionFile that connection written to disk, for any Jupyter client to attach
 * @param labels     the ownership labels
 */
public record KernelContainer(String id, String name, ConnectionInfo connection, Path connectionFile,
                              Map<String, String> labels) {

    public KernelContainer {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(connection, "connection is null");
        requireNonNull(connectionFile, "connectionFile is null");
        labels = Map.copyOf(labels);
    }

    public String owner() {
        return labels.getOrDefault(Labels.OWNER, "");
    }

    public String kernelId() {
        return labels.getOrDefault(Labels.KERNEL, "");
    }
}
