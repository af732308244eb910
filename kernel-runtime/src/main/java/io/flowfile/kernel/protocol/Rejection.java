package io.flowfile.kernel.protocol;

/** Why an inbound message was dropped without being acted on. */
public enum Rejection {
    /** Frames missing, not JSON, or a header without msg_id / msg_type. */
    MALFORMED,
    /** No signature although the connection has a key. */
    UNSIGNED,
    /** A signature that does not match the key. */
    BAD_SIGNATURE,
    /** A signature seen before: the same message sent twice. */
    REPLAYED
}
