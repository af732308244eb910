package io.flowfile.engine;

import io.flowfile.node.ErrorCode;
import io.flowfile.node.ErrorType;

/** Errors of the engine itself: documents, graphs, plans and runs. */
public enum EngineErrorCode implements ErrorCode {
    MALFORMED_DOCUMENT(200, ErrorType.USER_ERROR),
    UNSUPPORTED_FORMAT_VERSION(201, ErrorType.USER_ERROR),
    DUPLICATE_NODE_ID(202, ErrorType.USER_ERROR),
    UNKNOWN_NODE_TYPE(203, ErrorType.USER_ERROR),
    UNKNOWN_NODE(204, ErrorType.USER_ERROR),
    UNKNOWN_PORT(205, ErrorType.USER_ERROR),
    MISSING_INPUT(206, ErrorType.USER_ERROR),
    EXTRA_INPUT(207, ErrorType.USER_ERROR),
    CYCLE(208, ErrorType.USER_ERROR),
    UNKNOWN_PARAMETER(209, ErrorType.USER_ERROR),
    NODE_FAILED(210, ErrorType.USER_ERROR),
    RUN_CANCELLED(211, ErrorType.USER_ERROR),
    /** A code node's output columns are neither declared nor known from an earlier run. */
    SCHEMA_UNKNOWN(212, ErrorType.USER_ERROR),
    /** An edit to a flow that cannot apply to it (unknown node, duplicate id or edge, ...). */
    INVALID_EDIT(213, ErrorType.USER_ERROR),
    /** Two output nodes of one flow write the same file. */
    DUPLICATE_OUTPUT(214, ErrorType.USER_ERROR),
    OUT_OF_MEMORY(251, ErrorType.INSUFFICIENT_RESOURCES),
    /** The run itself broke (not one of its nodes): a bug of the engine. */
    RUN_CRASHED(290, ErrorType.INTERNAL_ERROR);

    private final int code;
    private final ErrorType type;

    EngineErrorCode(int code, ErrorType type) {
        this.code = code;
        this.type = type;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public ErrorType type() {
        return type;
    }
}
