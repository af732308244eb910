package io.flowfile.app.api;

import io.flowfile.node.ErrorCode;
import io.flowfile.node.ErrorType;

/** Errors of the server itself (700-799): requests, access, drafts and live runs. */
public enum ServerErrorCode implements ErrorCode {
    MALFORMED_REQUEST(700, ErrorType.USER_ERROR, 400),
    UNAUTHENTICATED(701, ErrorType.USER_ERROR, 401),
    CSRF_TOKEN_MISSING(702, ErrorType.USER_ERROR, 403),
    NOT_FOUND(703, ErrorType.USER_ERROR, 404),
    RUN_NOT_FOUND(706, ErrorType.USER_ERROR, 404),
    PATH_OUTSIDE_ROOTS(708, ErrorType.USER_ERROR, 400),
    BODY_TOO_LARGE(709, ErrorType.USER_ERROR, 413),
    METHOD_NOT_ALLOWED(710, ErrorType.USER_ERROR, 405),
    UNSUPPORTED_MEDIA_TYPE(711, ErrorType.USER_ERROR, 415),
    CONFLICT(712, ErrorType.USER_ERROR, 409),
    KERNEL_NOT_FOUND(713, ErrorType.USER_ERROR, 404),
    INVALID_SCHEDULE(714, ErrorType.USER_ERROR, 400),
    SCHEDULE_NOT_FOUND(715, ErrorType.USER_ERROR, 404),
    FORBIDDEN(716, ErrorType.USER_ERROR, 403),
    KERNELS_UNAVAILABLE(791, ErrorType.EXTERNAL, 503),
    SERVER_STOPPING(790, ErrorType.EXTERNAL, 503),
    INTERNAL(799, ErrorType.INTERNAL_ERROR, 500);

    private final int code;
    private final ErrorType type;
    private final int status;

    ServerErrorCode(int code, ErrorType type, int status) {
        this.code = code;
        this.type = type;
        this.status = status;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public ErrorType type() {
        return type;
    }

    /** The HTTP status this error is answered with. */
    public int status() {
        return status;
    }
}
