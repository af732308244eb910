package io.flowfile.engine;

import io.flowfile.node.ErrorCode;
import java.util.Objects;

/**
 * One thing wrong with a flow, located as precisely as we can.
 *
 * @param nodeId  the node, or null for the document as a whole
 * @param path    where in the node (e.g. {@code settings.keys[1].column}, {@code inputs.left}), or
 *                in the document, or null
 * @param code    the error code
 * @param message what is wrong, naming what would be right
 */
public record Problem(String nodeId, String path, ErrorCode code, String message) {

    public Problem {
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(message, "message is null");
    }

    public static Problem ofDocument(String path, ErrorCode code, String message) {
        return new Problem(null, path, code, message);
    }

    @Override
    public String toString() {
        var text = new StringBuilder();
        if (nodeId != null) {
            text.append("node '").append(nodeId).append("'");
        } else {
            text.append("flow");
        }
        if (path != null) {
            text.append(", ").append(path);
        }
        return text.append(": ").append(message).append(" [").append(code.name()).append(']').toString();
    }
}
