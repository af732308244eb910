package io.flowfile.kernel;

/**
 * Numbered errors of the kernel plane. The type says who has to act; the app maps it onto the
 * node SDK's error types (this module stands alone and depends on no other Flowfile module).
 */
public enum KernelErrorCode {
    INVALID_DEFINITION(300, Type.USER_ERROR),
    UNKNOWN_KERNEL(301, Type.USER_ERROR),
    KERNEL_NOT_READY(302, Type.USER_ERROR),
    EXECUTION_TIMEOUT(303, Type.USER_ERROR),
    GPU_UNAVAILABLE(305, Type.EXTERNAL),
    OUT_OF_MEMORY(306, Type.INSUFFICIENT_RESOURCES),
    KERNEL_DIED(307, Type.EXTERNAL),
    HEARTBEAT_LOST(308, Type.EXTERNAL),
    DOCKER_UNAVAILABLE(309, Type.EXTERNAL),
    IMAGE_MISSING(310, Type.EXTERNAL),
    IMAGE_BUILD_FAILED(311, Type.EXTERNAL),
    PROTOCOL_ERROR(312, Type.EXTERNAL),
    KERNEL_STOPPED(313, Type.USER_ERROR),
    CANCELLED(314, Type.USER_ERROR),
    NETWORK_NOT_CLOSED(315, Type.EXTERNAL),
    INTERNAL(399, Type.INTERNAL_ERROR);

    /** Who has to act on the error. */
    public enum Type { USER_ERROR, INTERNAL_ERROR, EXTERNAL, INSUFFICIENT_RESOURCES }

    private final int code;
    private final Type type;

    KernelErrorCode(int code, Type type) {
        this.code = code;
        this.type = type;
    }

    public int code() {
        return code;
    }

    public Type type() {
        return type;
    }
}
