package io.flowfile.node;

/** Errors a node reports while planning or loading data. */
public enum NodeErrorCode implements ErrorCode {
    INVALID_SETTING(100, ErrorType.USER_ERROR),
    UNKNOWN_COLUMN(101, ErrorType.USER_ERROR),
    INVALID_EXPRESSION(102, ErrorType.USER_ERROR),
    FILE_NOT_FOUND(103, ErrorType.USER_ERROR),
    BAD_DATA(104, ErrorType.USER_ERROR),
    OUTPUT_EXISTS(105, ErrorType.USER_ERROR),
    READ_FAILED(106, ErrorType.EXTERNAL),
    /** The node's code raised an exception; the message carries the traceback. */
    SCRIPT_FAILED(107, ErrorType.USER_ERROR),
    /** The node's kernel is stopped, or no kernel plane is configured or reachable. */
    KERNEL_UNAVAILABLE(108, ErrorType.USER_ERROR),
    /** The code published an output that differs from its declared schema, or did not publish it. */
    OUTPUT_MISMATCH(109, ErrorType.USER_ERROR),
    /** A path outside the directories this engine may reach (the server's file roots). */
    PATH_NOT_ALLOWED(110, ErrorType.USER_ERROR),
    /** An output file that cannot be written: its path is a directory, under a file, or not writable. */
    WRITE_FAILED(111, ErrorType.USER_ERROR),
    /** A node's inputs could not be handed to its kernel: the exchange directory is full or gone. */
    EXCHANGE_FAILED(112, ErrorType.EXTERNAL),
    /** The node's kernel does not exist, or is another user's (which is as good as missing). */
    KERNEL_NOT_FOUND(113, ErrorType.USER_ERROR);

    private final int code;
    private final ErrorType type;

    NodeErrorCode(int code, ErrorType type) {
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
