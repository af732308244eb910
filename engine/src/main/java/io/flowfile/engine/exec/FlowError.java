package io.flowfile.engine.exec;

import io.flowfile.node.ErrorCode;
import java.util.Objects;

/**
 * Why a node failed.
 *
 * @param nodeId  the node the error is attributed to
 * @param code    the error code
 * @param message what went wrong, naming the file and row where DuckDB or the node said so
 */
public record FlowError(String nodeId, ErrorCode code, String message) {

    public FlowError {
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return "node '" + nodeId + "': " + message + " [" + code.name() + "]";
    }
}
