package io.flowfile.engine.flow;

import io.flowfile.node.Ports;
import java.util.Objects;

/**
 * A node's port. Written {@code node} for the port {@code main} and {@code node.port} otherwise.
 */
public record PortRef(String node, String port) {

    public PortRef {
        Objects.requireNonNull(node, "node is null");
        Objects.requireNonNull(port, "port is null");
    }

    public static PortRef parse(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? new PortRef(text, Ports.MAIN) : new PortRef(text.substring(0, dot), text.substring(dot + 1));
    }

    public static PortRef main(String node) {
        return new PortRef(node, Ports.MAIN);
    }

    @Override
    public String toString() {
        return port.equals(Ports.MAIN) ? node : node + "." + port;
    }
}
