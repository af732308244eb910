package io.flowfile.node;

import java.util.Objects;

/**
 * A relation connected to an input port, as a node sees it while planning.
 *
 * @param port     the input port it is connected to
 * @param ref      an SQL name (already quoted) to use in {@code FROM}; the engine binds it to the
 *                 upstream query, a materialised table or a cached file
 * @param schema   the upstream output schema
 * @param sourceId the upstream node id, for messages
 */
public record Input(String port, String ref, Schema schema, String sourceId) {

    public Input {
        Objects.requireNonNull(port, "port is null");
        Objects.requireNonNull(ref, "ref is null");
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(sourceId, "sourceId is null");
    }
}
