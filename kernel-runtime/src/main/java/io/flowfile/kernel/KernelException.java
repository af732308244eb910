package io.flowfile.kernel;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A failure of the kernel plane, with its numbered code and a message that says what to do. */
public class KernelException extends RuntimeException {

    /** One bad value of a definition: the field (snake_case, as in the definition's JSON) and what is wrong. */
    public record Invalid(String field, String message) {
        public Invalid {
            requireNonNull(field, "field is null");
            requireNonNull(message, "message is null");
        }
    }

    private final KernelErrorCode code;
    private final List<Invalid> invalid;

    public KernelException(KernelErrorCode code, String message) {
        this(code, message, List.of());
    }

    /** A refusal naming each bad value by its field (the message says them all). */
    public KernelException(KernelErrorCode code, String message, List<Invalid> invalid) {
        super(message);
        this.code = requireNonNull(code, "code is null");
        this.invalid = List.copyOf(invalid);
    }

    public KernelException(KernelErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = requireNonNull(code, "code is null");
        this.invalid = List.of();
    }

    public KernelErrorCode code() {
        return code;
    }

    /** Each bad value with its field, when the exception refuses a definition; else empty. */
    public List<Invalid> invalid() {
        return invalid;
    }
}
