package io.flowfile.catalog;

/**
 * Numbered errors of the catalog (400-499). The type says who has to act; the app maps it onto the
 * node SDK's error types and HTTP statuses (this module stands alone and depends on no other
 * Flowfile module).
 */
public enum CatalogErrorCode {
    INVALID_ARGUMENT(400, Type.USER_ERROR),
    FLOW_NOT_FOUND(401, Type.USER_ERROR),
    FLOW_VERSION_NOT_FOUND(402, Type.USER_ERROR),
    FLOW_HAS_RUNS(403, Type.USER_ERROR),
    RUN_NOT_FOUND(404, Type.USER_ERROR),
    RUN_ALREADY_FINISHED(405, Type.USER_ERROR),
    KERNEL_NOT_FOUND(406, Type.USER_ERROR),
    ARTIFACT_NOT_FOUND(407, Type.USER_ERROR),
    GLOBAL_ARTIFACT_NOT_FOUND(408, Type.USER_ERROR),
    UNREGISTERED_FLOW(409, Type.USER_ERROR),
    LINEAGE_MISMATCH(410, Type.USER_ERROR),
    CHECKSUM_MISMATCH(411, Type.EXTERNAL),
    BLOB_NOT_FOUND(412, Type.EXTERNAL),
    CONCURRENT_UPDATE(413, Type.EXTERNAL),
    STORAGE_FULL(414, Type.INSUFFICIENT_RESOURCES),
    STORAGE_ERROR(415, Type.EXTERNAL),
    USER_NOT_FOUND(416, Type.USER_ERROR),
    USER_EXISTS(417, Type.USER_ERROR),
    TOKEN_NOT_FOUND(418, Type.USER_ERROR),
    DRAFT_NOT_FOUND(419, Type.USER_ERROR),
    /** A change based on a revision of a draft that is no longer its current one: {@link StaleRevisionException}. */
    STALE_REVISION(420, Type.USER_ERROR),
    NOTHING_TO_UNDO(421, Type.USER_ERROR),
    NOTHING_TO_REDO(422, Type.USER_ERROR),
    SCHEDULE_NOT_FOUND(423, Type.USER_ERROR),
    NODE_TYPE_NOT_FOUND(424, Type.USER_ERROR),
    SECRET_NOT_FOUND(425, Type.USER_ERROR),
    /** A stored secret this server's key does not open (the servers on one database have different keys). */
    SECRET_KEY_MISMATCH(426, Type.EXTERNAL),
    /** A version of a flow registered by a user who is neither its owner (who registered its first version) nor an admin. */
    FLOW_NOT_OWNED(427, Type.USER_ERROR),
    INTERNAL(499, Type.INTERNAL_ERROR);

    /** Who has to act on the error. */
    public enum Type { USER_ERROR, INTERNAL_ERROR, EXTERNAL, INSUFFICIENT_RESOURCES }

    private final int code;
    private final Type type;

    CatalogErrorCode(int code, Type type) {
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
