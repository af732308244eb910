package io.flowfile.node;

/** Who has to act on an error; the REST layer maps it to a status. */
public enum ErrorType {
    USER_ERROR,
    INTERNAL_ERROR,
    EXTERNAL,
    INSUFFICIENT_RESOURCES
}
