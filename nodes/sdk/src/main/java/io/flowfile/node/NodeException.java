package io.flowfile.node;

import java.util.Objects;

/** An error a node raises; the engine attaches the node id. */
public class NodeException extends RuntimeException {

    private final NodeErrorCode code;

    public NodeException(NodeErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code is null");
    }

    public NodeException(NodeErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code is null");
    }

    public NodeErrorCode code() {
        return code;
    }
}
