package io.flowfile.kernel;

import static java.util.Objects.requireNonNull;

/** A failure of the kernel plane, with its numbered code and a message that says what to do. */
public class KernelException extends RuntimeException {

    private final KernelErrorCode code;

    public KernelException(KernelErrorCode code, String message) {
        super(message);
        this.code = requireNonNull(code, "code is null");
    }

    public KernelException(KernelErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = requireNonNull(code, "code is null");
    }

    public KernelErrorCode code() {
        return code;
    }
}
